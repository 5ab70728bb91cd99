package dev.tuner.harness;

/** Instantiates the hot path a spec names. */
public final class HotPaths {

  private HotPaths() {}

  /**
   * Loads {@code className} with the caller's class loader; errors name the class and what is
   * wrong.
   */
  public static HotPath load(String className) {
    Class<?> type;
    try {
      type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException(
          "target.hotPath: class " + className + " is not on the classpath");
    }
    if (!HotPath.class.isAssignableFrom(type)) {
      throw new IllegalArgumentException(
          "target.hotPath: " + className + " does not implement " + HotPath.class.getName());
    }
    try {
      return (HotPath) type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException(
          "target.hotPath: " + className + " needs a public no-arg constructor (" + e + ")", e);
    }
  }
}
