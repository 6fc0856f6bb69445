package dev.posterm.core.wiring;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One controller per data directory: {@code data.dir/posterm.lock}, locked (an OS file lock, so a
 * power cut or SIGKILL frees it with the process) and holding the holder's PID for the person who
 * finds a second instance refused. Taken before anything else touches the directory: the journal,
 * recovery, the card vault, the native libraries, the log files. Two controllers on one journal
 * would each recover the other's live payment as interrupted.
 *
 * <p>Writing the PID is also the probe that the directory is writable: file modes do not tell
 * (root writes anyway), a read-only mount does, and only an actual write finds out.
 */
public final class DataDirLock implements AutoCloseable {
    public static final String FILE_NAME = "posterm.lock";

    /** Data directories this JVM holds: a second channel on the same file must not even be opened
     *  (closing it would drop this process's POSIX lock taken through the first). */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates the directory if needed and locks it.
     *
     * @throws DataDirUnavailable in one line a person can act on: held by another process (its PID),
     *                            not a directory, not writable
     */
    public static DataDirLock acquire(Path dataDir) throws DataDirUnavailable {
        Path dir = dataDir.toAbsolutePath().normalize();
        Path file = dir.resolve(FILE_NAME);
        if (!HELD.add(dir)) {
            throw busy(dir, file, String.valueOf(ProcessHandle.current().pid()));
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw busy(dir, file, holder(channel));
            }
            byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(pid), 0);
            channel.force(true);
            return new DataDirLock(dir, channel, lock);
        } catch (IOException | OverlappingFileLockException e) {
            closeQuietly(channel);
            HELD.remove(dir);
            throw new DataDirUnavailable("cannot use data directory " + dir + ": " + reason(e)
                    + "; data.dir must be a directory on a read-write file system that this user may write", e);
        } catch (DataDirUnavailable e) {
            closeQuietly(channel);
            HELD.remove(dir);
            throw e;
        }
    }

    public Path directory() {
        return dir;
    }

    /** Releases the lock; the file stays (removing it would race with a next instance taking it). */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // the channel's close below releases it as well
        }
        closeQuietly(channel);
        HELD.remove(dir);
    }

    private static DataDirUnavailable busy(Path dir, Path file, String pid) {
        return new DataDirUnavailable("data directory " + dir + " is in use by another posterm (pid " + pid
                + ", lock " + file + "): stop that one first (systemctl stop posterm) or give this one its own data.dir",
                null);
    }

    /** The PID the holder wrote; it may not have written it yet in the instant after taking the lock. */
    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        String pid = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
        return pid.matches("\\d+") ? pid : "unknown, starting";
    }

    private static String reason(Exception e) {
        return switch (e) {
            case FileAlreadyExistsException x -> x.getFile() + " exists and is not a directory";
            case AccessDeniedException x -> "permission denied on " + x.getFile();
            case FileSystemException x -> x.getReason() + " (" + x.getFile() + ")";
            default -> e.getMessage();
        };
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing was written through it that matters
            }
        }
    }

    /** The data directory cannot be had; the message is the one line {@code posterm run} prints. */
    public static final class DataDirUnavailable extends RuntimeException {
        public DataDirUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
