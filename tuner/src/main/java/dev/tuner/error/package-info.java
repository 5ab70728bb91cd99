/**
 * The tuner's exception family: one type per exit code ({@link dev.tuner.error.UsageException} 2,
 * {@link dev.tuner.error.CheckFailedException} 1, {@link dev.tuner.error.EnvironmentException} 3),
 * extended where a caller must tell two failures apart (a baseline that does not build is not a
 * baseline that fails parity).
 */
package dev.tuner.error;
