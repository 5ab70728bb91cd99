package dev.tuner.spec;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/** Which repository paths a proposal may change: in an include glob and in no frozen one. */
public final class Scope {

  private final List<PathMatcher> include;
  private final List<PathMatcher> frozen;

  public Scope(ScopeSpec spec) {
    this.include = spec.include().stream().map(Scope::glob).toList();
    this.frozen =
        Stream.concat(ScopeSpec.ALWAYS_FROZEN.stream(), spec.frozen().stream())
            .map(Scope::glob)
            .toList();
  }

  public boolean allows(String path) {
    Path p = Path.of(path);
    return include.stream().anyMatch(m -> m.matches(p))
        && frozen.stream().noneMatch(m -> m.matches(p));
  }

  public boolean isFrozen(String path) {
    Path p = Path.of(path);
    return frozen.stream().anyMatch(m -> m.matches(p));
  }

  /** The paths among {@code changed} that the proposal was not allowed to touch. */
  public List<String> violations(Collection<String> changed) {
    List<String> out = new ArrayList<>();
    for (String path : changed) {
      if (!allows(path)) {
        out.add(path);
      }
    }
    return out;
  }

  private static PathMatcher glob(String pattern) {
    return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
  }
}
