package dev.posterm.drivers.reader;

/** The {@code p} frame: who the reader is and whether it is idle. */
public record ReaderInfo(String firmware, String serialNumber, boolean inTransaction) {
}
