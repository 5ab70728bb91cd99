package dev.tuner.knobs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.exception.TooManyIterationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.CMAESOptimizer;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * The knob search, written as a plain synchronous procedure over an objective (lower is better):
 * first one pass of coordinate descent over every knob's grid levels (its listed values, or {@value
 * KnobSpace#GRID_LEVELS} points spread over its range), then rounds of a coordinate sweep over the
 * categorical knobs (every other level of each, from the best point) and an epoch of a Commons Math
 * derivative-free optimiser (CMA-ES, BOBYQA or Nelder-Mead) over the numeric knobs in the unit box,
 * from the best point; the first round starts at the given point, later rounds that found nothing
 * better restart the optimiser from a random point. It stops after {@value #STALE_ROUNDS} rounds in
 * a row without improvement.
 *
 * <p>The objective is asked for rounded points (integers, levels, 4 significant digits), so the
 * optimisers' continuous steps fall on a finite set; the caller caches values, so asking for a
 * point twice costs nothing. An infeasible point (its value {@code +Infinity}) is shown to the
 * optimiser as twice the worst feasible value seen. Everything random comes from one generator
 * seeded with {@code seed}: the same values give the same path.
 */
public final class KnobSearch {

  static final int STALE_ROUNDS = 3;

  /** Objective calls one optimiser epoch may make, cached ones included (they are free). */
  static final int EPOCH_EVALUATIONS = 120;

  /** The objective: a point's value, {@code +Infinity} when it is infeasible. */
  public interface Objective {
    double value(Map<String, String> point) throws InterruptedException;
  }

  private final KnobSpace space;
  private final String optimizer;
  private final long seed;

  public KnobSearch(KnobSpace space, String optimizer, long seed) {
    this.space = space;
    this.optimizer = optimizer;
    this.seed = seed;
  }

  /** The best point found and its value. */
  public record Best(Map<String, String> point, double value) {}

  /** Runs the search from {@code start} until it stops improving. */
  public Best run(Map<String, String> start, Objective f) throws InterruptedException {
    Run run = new Run(f);
    run.eval(space.with(start, Map.of()));
    // Screening: one pass of coordinate descent over every knob's grid levels, from the running
    // best, so a
    // small budget first spends itself on each knob's main effect; the optimiser then refines from
    // there.
    for (Knob k : space.knobs()) {
      Map<String, String> from = run.best;
      for (String level : k.gridLevels(KnobSpace.GRID_LEVELS)) {
        if (!level.equals(from.get(k.name()))) {
          run.eval(space.with(from, Map.of(k.name(), level)));
        }
      }
    }
    RandomGenerator random = new MersenneTwister(seed);
    List<Knob> numeric = space.numeric();
    int stale = 0;
    for (int round = 0; stale < STALE_ROUNDS; round++) {
      double before = run.bestValue;
      for (Knob k : space.categorical()) {
        Map<String, String> from = run.best;
        for (String level : k.levels()) {
          if (!level.equals(from.get(k.name()))) {
            run.eval(space.with(from, Map.of(k.name(), level)));
          }
        }
      }
      if (!numeric.isEmpty()) {
        double[] x0 = new double[numeric.size()];
        for (int i = 0; i < x0.length; i++) {
          x0[i] =
              stale == 0
                  ? numeric.get(i).unitOf(run.best.get(numeric.get(i).name()))
                  : random.nextDouble();
        }
        run.epoch(numeric, x0, random);
      }
      stale = run.bestValue < before ? 0 : stale + 1;
      if (numeric.isEmpty() && space.categorical().isEmpty()) {
        break;
      }
    }
    return new Best(run.best, run.bestValue);
  }

  /** One search's state: the best point and the worst feasible value so far. */
  private final class Run {
    final Objective f;
    Map<String, String> best;
    double bestValue = Double.POSITIVE_INFINITY;
    double worst = Double.NaN;

    Run(Objective f) {
      this.f = f;
    }

    double eval(Map<String, String> point) throws InterruptedException {
      double v = f.value(point);
      if (Double.isFinite(v)) {
        worst = Double.isNaN(worst) ? v : Math.max(worst, v);
      }
      if (best == null || v < bestValue) {
        best = point;
        bestValue = v;
      }
      return v;
    }

    /** Runs the optimiser over the numeric knobs, the categorical ones fixed at the best's. */
    void epoch(List<Knob> numeric, double[] x0, RandomGenerator random)
        throws InterruptedException {
      Map<String, String> fixed = best;
      ObjectiveFunction g =
          new ObjectiveFunction(
              x -> {
                Map<String, String> changes = new LinkedHashMap<>();
                for (int i = 0; i < x.length; i++) {
                  changes.put(numeric.get(i).name(), numeric.get(i).valueAt(x[i]));
                }
                try {
                  double v = eval(space.with(fixed, changes));
                  return Double.isFinite(v) ? v : Double.isNaN(worst) ? 1e9 : 2 * Math.abs(worst);
                } catch (InterruptedException e) {
                  throw new Interrupted(e);
                }
              });
      int n = numeric.size();
      double[] lower = new double[n];
      double[] upper = new double[n];
      java.util.Arrays.fill(upper, 1);
      try {
        switch (optimizer) {
          case "bobyqa" ->
              new BOBYQAOptimizer(2 * n + 1, 0.25, 1e-3)
                  .optimize(
                      new MaxEval(EPOCH_EVALUATIONS),
                      g,
                      GoalType.MINIMIZE,
                      new InitialGuess(x0),
                      new SimpleBounds(lower, upper));
          case "nelder-mead" -> {
            double[] steps = new double[n];
            for (int i = 0; i < n; i++) {
              steps[i] = x0[i] > 0.5 ? -0.3 : 0.3;
            }
            new SimplexOptimizer(1e-4, 1e-6)
                .optimize(
                    new MaxEval(EPOCH_EVALUATIONS),
                    g,
                    GoalType.MINIMIZE,
                    new InitialGuess(x0),
                    new NelderMeadSimplex(steps));
          }
          default -> {
            double[] sigma = new double[n];
            java.util.Arrays.fill(sigma, 0.3);
            new CMAESOptimizer(
                    EPOCH_EVALUATIONS, Double.NEGATIVE_INFINITY, true, 0, 0, random, false, null)
                .optimize(
                    new MaxEval(EPOCH_EVALUATIONS),
                    new MaxIter(EPOCH_EVALUATIONS),
                    g,
                    GoalType.MINIMIZE,
                    new InitialGuess(x0),
                    new SimpleBounds(lower, upper),
                    new CMAESOptimizer.Sigma(sigma),
                    new CMAESOptimizer.PopulationSize(
                        4 + (int) (3 * Math.log(n)) + (n == 1 ? 1 : 0)));
          }
        }
      } catch (TooManyEvaluationsException | TooManyIterationsException e) {
        // The epoch's allowance is spent: the next round goes on from the best point.
      } catch (Interrupted e) {
        throw (InterruptedException) e.getCause();
      }
    }
  }

  /** Carries an interruption (or a stop) out through the optimisers' function interface. */
  private static final class Interrupted extends RuntimeException {
    Interrupted(InterruptedException cause) {
      super(cause);
    }
  }
}
