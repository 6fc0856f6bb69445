package dev.posterm.core.wiring;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * A register listening on {@code GET /events}: keeps every event as "name data" (one line each),
 * as a client of the real stream reads it.
 */
final class EventListener implements AutoCloseable {
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private final HttpClient http = HttpClient.newHttpClient();

    EventListener(int apiPort, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/api/v1/events"))
                .header("Authorization", "Bearer " + token).GET().build();
        response = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(r -> {
            String[] name = {""};
            r.body().forEach(line -> {
                if (line.startsWith("event: ")) {
                    name[0] = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    events.add(name[0] + " " + line.substring(6));
                }
            });
        }, r -> Thread.ofVirtual().name("test-events").start(r));
    }

    /** True once the stream is open (its first line may not have come yet). */
    boolean open() {
        return response.isDone() && !response.isCompletedExceptionally() && response.join().statusCode() == 200;
    }

    /** Whether an event {@code name} came whose data contains every fragment. */
    boolean heard(String name, String... fragments) {
        return events.stream().anyMatch(e -> e.startsWith(name + " ") && Stream.of(fragments).allMatch(e::contains));
    }

    List<String> events() {
        return List.copyOf(events);
    }

    @Override
    public void close() {
        response.thenAccept(r -> r.body().close());
        response.cancel(true);
        http.shutdownNow();
    }
}
