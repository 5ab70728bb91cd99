/**
 * {@code tuner init}: onboards an existing Maven or Gradle project. It detects the build, renders a
 * commented {@code tuner.yaml} and an adapter skeleton implementing {@code
 * dev.tuner.harness.HotPath}, adds the harness dependency to a Maven POM by text insertion (every
 * other byte kept), and extends {@code .gitignore}. Everything is checked and rendered before the
 * first file is written.
 */
package dev.tuner.init;
