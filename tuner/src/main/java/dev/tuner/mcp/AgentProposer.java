package dev.tuner.mcp;

import dev.tuner.log.LogRecord;
import dev.tuner.log.ProposerInfo;
import dev.tuner.propose.PatchApply;
import dev.tuner.propose.Proposal;
import dev.tuner.propose.ProposalRequest;
import dev.tuner.propose.Proposer;
import dev.tuner.propose.llm.EditApplier;
import dev.tuner.spec.Scope;
import dev.tuner.spec.ScopeSpec;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The proposer of a run driven over MCP: the loop asks it for a change as it asks any proposer, and
 * it waits until the agent's {@code evaluate} call brings one. So an agent's try goes through the
 * very loop {@code tuner optimize} runs (stop rules, budgets, keep or reset, the log), and the keep
 * rule stays on tuner's side of the protocol.
 */
final class AgentProposer implements Proposer {

  static final String KIND = "mcp";

  /**
   * Where edits may write before the scope stage judges them: anywhere in the work tree but git's
   * and tuner's own state, so that an edit outside {@code scope} is logged as the loop logs it
   * ({@code scope_violation}) rather than refused as an invalid answer.
   */
  private static final Scope WORK_TREE =
      new Scope(new ScopeSpec(List.of("**"), List.of(".git/**", ".tuner/**")));

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private boolean waiting;
  private Submission next;
  private CompletableFuture<LogRecord.Experiment> pending;
  private int pendingRun = -1;
  private String stopReason;
  private boolean disconnected;
  private volatile boolean withdrawn;

  @Override
  public String kind() {
    return KIND;
  }

  /**
   * Waits for the agent's next proposal and applies it to the working tree. A stop call ends the
   * run (the loop then checks the hold-out cases); a disconnected client ends it too, but as an
   * error, so the run is left for {@code start} with {@code resume} and no hold-out check is spent.
   */
  @Override
  public Proposal propose(ProposalRequest request) throws IOException {
    Submission s;
    lock.lock();
    try {
      waiting = true;
      changed.signalAll();
      while (next == null && stopReason == null && !disconnected) {
        changed.await();
      }
      waiting = false;
      if (disconnected) {
        throw new IOException(
            "the MCP client disconnected; the run stays as it is: continue it with start"
                + " {resume: true}");
      }
      if (next == null) {
        return new Proposal(
            Proposal.Outcome.EXHAUSTED,
            null,
            null,
            null,
            List.of(),
            List.of(),
            ProposerInfo.of(KIND),
            stopReason,
            null);
      }
      s = next;
      next = null;
      pendingRun = request.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the agent's proposal");
    } finally {
      lock.unlock();
    }
    return apply(s, request);
  }

  private static Proposal apply(Submission s, ProposalRequest request) throws IOException {
    String problem;
    if (s.diff() != null) {
      PatchApply.Result applied = PatchApply.apply(request.root(), s.diff());
      problem =
          applied.applied()
              ? null
              : "the diff does not apply on the current best: " + applied.problem();
    } else {
      problem = new EditApplier(request.root(), WORK_TREE).apply(s.edits());
    }
    Proposal p =
        new Proposal(
            problem == null ? Proposal.Outcome.CHANGED : Proposal.Outcome.INVALID,
            s.description(),
            s.hypothesis(),
            s.expectation(),
            s.tags(),
            s.ideas(),
            s.proposer(),
            problem,
            null);
    return p;
  }

  /** Every logged try passes here; the one an {@code evaluate} call waits for completes it. */
  @Override
  public void observe(LogRecord.Experiment tried) {
    lock.lock();
    try {
      if (pending != null && tried.run() == pendingRun) {
        pending.complete(tried);
        pending = null;
        pendingRun = -1;
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean withdrawn() {
    return withdrawn;
  }

  /**
   * Takes back the proposal under trial, if there is one: the loop logs it {@code cancelled} at the
   * end of the stage under way (which the caller stops by ending its processes).
   *
   * @return whether a try was under way
   */
  boolean withdraw() {
    lock.lock();
    try {
      if (pending == null) {
        return false;
      }
      withdrawn = true;
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Whether a proposal was handed to the loop and its try is not logged yet. */
  boolean trying() {
    lock.lock();
    try {
      return pending != null;
    } finally {
      lock.unlock();
    }
  }

  /** Whether the loop is waiting for a proposal now. */
  boolean waiting() {
    lock.lock();
    try {
      return waiting;
    } finally {
      lock.unlock();
    }
  }

  /** Waits up to {@code millis} for the loop to ask for a proposal; true when it has. */
  boolean awaitWaiting(long millis) throws InterruptedException {
    lock.lock();
    try {
      long nanos = TimeUnit.MILLISECONDS.toNanos(millis);
      while (!waiting && nanos > 0) {
        nanos = changed.awaitNanos(nanos);
      }
      return waiting;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Hands a proposal to the waiting loop; the future completes with its log record once the try is
   * logged.
   *
   * @throws IllegalStateException when the loop is not waiting for one
   */
  CompletableFuture<LogRecord.Experiment> submit(Submission s) {
    lock.lock();
    try {
      if (!waiting || next != null || pending != null) {
        throw new IllegalStateException("the loop is not waiting for a proposal");
      }
      next = s;
      pending = new CompletableFuture<>();
      withdrawn = false;
      changed.signalAll();
      return pending;
    } finally {
      lock.unlock();
    }
  }

  /** Ends the run at the loop's next turn, which then checks the hold-out cases. */
  void stop(String reason) {
    lock.lock();
    try {
      stopReason = reason;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The client is gone: a try under way is taken back (and logged {@code cancelled}), then the loop
   * ends without a hold-out check, leaving the run to resume.
   */
  void disconnect() {
    lock.lock();
    try {
      disconnected = true;
      withdrawn = pending != null;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The loop ended: a try still waited for will never be logged. */
  void ended(Throwable why) {
    lock.lock();
    try {
      if (pending != null) {
        pending.completeExceptionally(why);
        pending = null;
      }
      waiting = false;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
