package dev.posterm.core.api;

import dev.posterm.core.engine.Checkout;
import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.errors.Refused;
import dev.posterm.core.status.TerminalStatus;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The route table of {@code /api/v1} and who may call what.
 *
 * <p>The spec gives the cashier orders, payments and status and the back office status, batches
 * and settlements. It is silent on the event stream: both roles may open it, since the back
 * office watches alerts and the link as much as the counter does, and events carry nothing
 * {@code GET /orders} would not show (card numbers only masked). The store-and-forward list is
 * readable by both (the cashier answers "was my offline sale sent?"); forcing a forward is the
 * back office's, as are the metrics (a chain's Prometheus scrapes them with that token). Calls the engine does not
 * offer yet answer 501 NOT_IMPLEMENTED, after the same token and role checks as they will have.
 */
final class Routes {
    private static final Set<Role> CASHIER = Set.of(Role.CASHIER);
    private static final Set<Role> BACKOFFICE = Set.of(Role.BACKOFFICE);
    private static final Set<Role> BOTH = Set.of(Role.CASHIER, Role.BACKOFFICE);

    private Routes() {
    }

    static List<Route> table(Checkout checkout, Supplier<TerminalStatus> status, java.time.Clock clock,
                             RequestBodies bodies, EventStream events, java.util.Optional<MetricsPage> metrics,
                             BackOffice office, java.util.Optional<dev.posterm.core.bundle.ConfigDesk> desk) {
        java.util.Optional<ConfigResource> config = desk.map(ConfigResource::new);
        BatchResource batch = office == null ? null : new BatchResource(office.batches());
        SettlementResource settlements = office == null ? null
                : office.settlements().map(SettlementResource::new).orElse(null);
        Handler xReport = office == null ? later("The X report") : office.reports().<Handler>map(r -> call -> {
            call.query();
            call.requireNoBody();
            return Reply.Json.ok(BatchResource.report(r.x()));
        }).orElse(later("The X report"));
        OrderResource orders = new OrderResource(checkout, bodies);
        PaymentResource payments = new PaymentResource(checkout);
        return List.of(
                new Route("POST", "/orders", CASHIER, orders::create),
                new Route("GET", "/orders/{orderId}", CASHIER, orders::read),
                new Route("POST", "/orders/{orderId}/cancel", CASHIER, orders::cancel),
                new Route("POST", "/orders/{orderId}/payments", CASHIER, orders::startPayment),
                new Route("GET", "/payments/{paymentId}", CASHIER, payments::read),
                new Route("POST", "/payments/{paymentId}/cancel", CASHIER, payments::cancel),
                new Route("POST", "/payments/{paymentId}/void", CASHIER, payments::voidPayment),
                new Route("POST", "/payments/{paymentId}/refund", CASHIER, call -> payments.refund(call, bodies)),
                new Route("POST", "/payments/{paymentId}/receipt", CASHIER, payments::printCopy),
                new Route("GET", "/status", BOTH, call -> {
                    call.query();
                    java.util.Map<String, Object> view = Views.status(status.get(), clock.instant());
                    desk.ifPresent(d -> view.put("config", ConfigResource.running(d.running(), d.applying())));
                    return Reply.Json.ok(view);
                }),
                new Route("POST", "/config/bundle", BACKOFFICE, config.<Handler>map(c -> c::post)
                        .orElse(later("Applying a configuration bundle"))),
                new Route("GET", "/config", BACKOFFICE, config.<Handler>map(c -> c::read)
                        .orElse(later("The running configuration"))),
                new Route("GET", "/config/history", BACKOFFICE, config.<Handler>map(c -> c::history)
                        .orElse(later("The configuration history"))),
                new Route("GET", "/events", BOTH, events::open),
                new Route("POST", "/batches/close", BACKOFFICE, batch == null ? later("Closing the batch") : batch::close),
                new Route("GET", "/batches/current", BACKOFFICE, batch == null ? later("The open batch") : batch::current),
                new Route("GET", "/settlements", BACKOFFICE,
                        settlements == null ? later("Listing settlement files") : settlements::list),
                new Route("GET", "/settlements/{name}", BACKOFFICE,
                        settlements == null ? later("Reading a settlement file") : settlements::download),
                new Route("HEAD", "/settlements/{name}", BACKOFFICE,
                        settlements == null ? later("Reading a settlement file") : settlements::download),
                new Route("POST", "/reports/x", BACKOFFICE, xReport),
                new Route("GET", "/saf", BOTH, call -> {
                    call.query();
                    return Reply.Json.ok(java.util.Map.of("items", checkout.safItems().stream().map(Views::safItem).toList()));
                }),
                new Route("POST", "/saf/forward", BACKOFFICE, call -> {
                    call.query();
                    return Reply.Json.ok(java.util.Map.of("waiting", checkout.forwardSaf(), "forwarding", true));
                }),
                new Route("GET", "/metrics", BACKOFFICE, metrics.<Handler>map(page -> call -> {
                    call.query();
                    return new Reply.Text(200, page.contentType(), page.scrape().get());
                }).orElse(later("Metrics"))));
    }

    private static Handler later(String what) {
        return call -> {
            throw new Refused(ErrorCode.NOT_IMPLEMENTED, what + " (" + call.exchange().getRequestMethod() + " "
                    + call.exchange().getRequestURI().getRawPath() + ") is not available yet in this version"
                    + " of the terminal; nothing was changed.");
        };
    }
}
