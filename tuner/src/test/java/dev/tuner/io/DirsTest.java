package dev.tuner.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirsTest {

  @TempDir Path dir;

  @Test
  void deletesADirectoryWithEverythingUnderIt() throws Exception {
    Path tree = dir.resolve("tree");
    Files.createDirectories(tree.resolve("a/b/c"));
    Files.createDirectories(tree.resolve("empty"));
    Files.writeString(tree.resolve("top.txt"), "x");
    Files.writeString(tree.resolve("a/b/c/deep.txt"), "y");
    Dirs.deleteTree(tree);
    assertThat(tree).doesNotExist();
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void aDirectoryThatDoesNotExistIsNotAnError() throws Exception {
    Dirs.deleteTree(dir.resolve("never/made"));
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void deletesReadOnlyFilesLikeGitObjects() throws Exception {
    Path tree = dir.resolve("clone");
    Path object = tree.resolve(".git/objects/ab/cdef");
    Files.createDirectories(object.getParent());
    Files.writeString(object, "blob");
    Files.setPosixFilePermissions(object, PosixFilePermissions.fromString("r--r--r--"));
    Dirs.deleteTree(tree);
    assertThat(tree).doesNotExist();
  }

  @Test
  void removesASymbolicLinkButNotWhatItPointsTo() throws Exception {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(outside.resolve("keep.txt"), "precious");
    Path tree = Files.createDirectories(dir.resolve("tree"));
    Files.createSymbolicLink(tree.resolve("link"), outside);
    Dirs.deleteTree(tree);
    assertThat(tree).doesNotExist();
    assertThat(outside.resolve("keep.txt")).hasContent("precious");
  }
}
