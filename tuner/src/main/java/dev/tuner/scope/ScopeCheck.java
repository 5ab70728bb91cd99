package dev.tuner.scope;

import dev.tuner.log.Status;
import dev.tuner.log.Stop;
import dev.tuner.spec.Scope;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The scope stage: a proposal may change files in {@code scope.include} only, and no frozen file,
 * not even one git does not see (the hashes taken when the run started).
 */
public final class ScopeCheck {

  private final Scope scope;
  private final FrozenFiles frozen;

  public ScopeCheck(Scope scope, FrozenFiles frozen) {
    this.scope = scope;
    this.frozen = frozen;
  }

  /** Why the {@code changed} files may not be tried; null when they may. */
  public Stop check(Collection<String> changed) throws IOException {
    List<String> violations = new ArrayList<>(scope.violations(changed));
    frozen.changes().stream().filter(f -> !violations.contains(f)).forEach(violations::add);
    if (violations.isEmpty()) {
      return null;
    }
    return new Stop(
        Status.SCOPE_VIOLATION,
        "changed files outside the scope: " + summary(violations),
        "change only files matching scope.include",
        null);
  }

  /** The first few paths, for a one-line message. */
  public static String summary(Collection<String> files) {
    List<String> list = new ArrayList<>(files);
    return String.join(", ", list.subList(0, Math.min(5, list.size())))
        + (list.size() > 5 ? ", …" : "");
  }
}
