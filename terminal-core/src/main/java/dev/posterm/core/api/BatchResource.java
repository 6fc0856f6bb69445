package dev.posterm.core.api;

import dev.posterm.core.batch.Batches;
import dev.posterm.core.batch.CloseOutcome;
import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.errors.Refused;
import dev.posterm.core.settlement.BatchTotals;
import dev.posterm.core.settlement.Tally;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@code /batches}: the back office's open batch and its close (ecr-api.md). */
final class BatchResource {
    private final Batches batches;

    BatchResource(Batches batches) {
        this.batches = batches;
    }

    Reply current(Call call) throws Refused {
        call.query();
        Batches.Current b = batches.current();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("batchNumber", String.format("%06d", b.number()));
        out.put("openedAt", Views.time(b.openedAt()));
        out.put("totals", totals(b.totals()));
        out.put("cardTotals", b.cardField63());
        return Reply.Json.ok(out);
    }

    Reply close(Call call) throws Refused, IOException, InterruptedException {
        call.query();
        JsonFields body = call.optionalJsonBody();
        body.allowOnly(Set.of("force"));
        boolean force = body.optionalBoolean("force").orElse(false);
        return switch (batches.close(force)) {
            case CloseOutcome.Closed c -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("batchNumber", String.format("%06d", c.batch()));
                out.put("state", "CLOSED");
                out.put("responseCode", c.responseCode().orElse(null));
                out.put("terminalTotals", c.terminalTotals());
                out.put("hostTotals", c.hostTotals().orElse(null));
                out.put("forced", c.responseCode().isEmpty());
                out.put("carriedOver", c.carriedOver());
                out.put("totals", totals(c.totals()));
                out.put("files", java.util.List.of(c.csvName(), c.manifestName()));
                yield Reply.Json.ok(out);
            }
            case CloseOutcome.NotNow n -> throw new Refused(ErrorCode.BATCH_NOT_CLOSED, "Batch "
                    + String.format("%06d", n.batch()) + " stays open: " + n.reason() + ".");
            case CloseOutcome.Differs d -> throw new Refused(ErrorCode.BATCH_TOTALS_DIFFER, "Batch "
                    + String.format("%06d", d.batch()) + " stays open: the bank answered " + d.responseCode()
                    + "; terminal totals " + d.terminalTotals() + ", bank totals " + d.hostTotals().orElse("none")
                    + " (field 63: sale count, sale amount, refund count, refund amount).");
        };
    }

    /** {@code POST /reports/x}: the report's numbers, and whether it is on paper. */
    static Map<String, Object> report(dev.posterm.core.report.ShiftReports.Printed p) {
        var r = p.report();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", r.kind().name());
        out.put("batchNumber", String.format("%06d", r.batch()));
        out.put("openedAt", Views.time(r.openedAt()));
        out.put("printed", p.onPaper());
        out.put("printer", switch (p.outcome()) {
            case dev.posterm.printer.PrintOutcome.Printed x -> "PRINTED";
            case dev.posterm.printer.PrintOutcome.Interrupted x -> "INTERRUPTED";
            case dev.posterm.printer.PrintOutcome.NotPrinted x -> "NOT_READY";
        });
        out.put("totals", totals(r.totals()));
        Map<String, Object> brands = new LinkedHashMap<>();
        r.byBrand().forEach((k, v) -> brands.put(k, tally(v)));
        out.put("byBrand", brands);
        Map<String, Object> wallets = new LinkedHashMap<>();
        r.byWallet().forEach((k, v) -> wallets.put(k, tally(v)));
        out.put("byWallet", wallets);
        return out;
    }

    private static Map<String, Object> totals(BatchTotals t) {
        Map<String, Object> out = new LinkedHashMap<>();
        t.named().forEach((name, tally) -> {
            if (!name.contains(".")) {
                out.put(name, tally(tally));
            }
        });
        Map<String, Object> byMethod = new LinkedHashMap<>();
        t.byMethod().forEach((m, tally) -> byMethod.put(m.name(), tally(tally)));
        out.put("byMethod", byMethod);
        return out;
    }

    private static Map<String, Object> tally(Tally t) {
        return Map.of("count", t.count(), "amount", t.amount());
    }
}
