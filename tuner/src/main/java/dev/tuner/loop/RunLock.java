package dev.tuner.loop;

import dev.tuner.error.UsageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One {@code tuner optimize} per repository: an OS file lock on {@code .tuner/optimize.lock},
 * released by the OS even when the holder is killed, so a stale lock never blocks a resume.
 */
public final class RunLock implements AutoCloseable {

  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock, or fails naming the process that holds it. */
  public static RunLock acquire(Path file) throws IOException, LockedException {
    Files.createDirectories(file.getParent());
    FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      lock = null; // held by this very JVM
    }
    if (lock == null) {
      String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
      channel.close();
      throw new LockedException(
          "another tuner optimize is running in this repository"
              + (holder.isEmpty() ? "" : " (pid " + holder + ")")
              + "; lock: "
              + file);
    }
    channel.truncate(0);
    channel.write(
        java.nio.ByteBuffer.wrap(
            Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
    channel.force(true);
    return new RunLock(channel, lock);
  }

  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
  }

  /** The repository is locked by another run. */
  public static final class LockedException extends UsageException {
    public LockedException(String message) {
      super(message);
    }
  }
}
