package dev.posterm.core.hostlink;

/**
 * Unexpected exceptions, described without their messages: the host link handles ISO 8583
 * messages, and an exception thrown while decoding one may quote its bytes (a PAN, track 2).
 * The class names and the stack trace say where the bug is; that is what a log needs.
 */
final class Faults {
    private Faults() {
    }

    /** "IllegalStateException at Foo.bar(Foo.java:12), caused by ..." */
    static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (!text.isEmpty()) {
                text.append(", caused by ");
            }
            text.append(t.getClass().getSimpleName());
            StackTraceElement[] frames = t.getStackTrace();
            if (frames.length > 0) {
                text.append(" at ").append(frames[0]);
            }
        }
        return text.toString();
    }

    /** A copy of {@code e} and its causes with the class names and stack traces only. */
    static Throwable withoutMessages(Throwable e) {
        Throwable cause = e.getCause() == null || e.getCause() == e ? null : withoutMessages(e.getCause());
        Throwable copy = new Scrubbed(e.getClass().getName(), cause);
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }

    /** Stands in for an exception in a log: its class name where the message was, its stack. */
    private static final class Scrubbed extends Throwable {
        Scrubbed(String className, Throwable cause) {
            super(className, cause, false, true);
        }
    }
}
