package dev.posterm.core.api;

import java.util.function.Supplier;

/**
 * What {@code GET /metrics} serves: a body made afresh on each call and its content type. The
 * API does not know the format; the wiring hands it the terminal's metrics.
 */
public record MetricsPage(String contentType, Supplier<byte[]> scrape) {
}
