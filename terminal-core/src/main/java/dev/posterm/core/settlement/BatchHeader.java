package dev.posterm.core.settlement;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** Who closed which batch when, in what currency, and what the host said: the manifest bar its counts. */
public record BatchHeader(String terminalId, String merchantId, int batch, Instant openedAt, Instant closedAt,
                          String currency, HostVerdict host) {
    public BatchHeader {
        SettlementNames.checkTerminalId(terminalId);
        Objects.requireNonNull(merchantId, "merchantId");
        SettlementNames.checkBatch(batch);
        openedAt = openedAt.truncatedTo(ChronoUnit.SECONDS);
        closedAt = closedAt.truncatedTo(ChronoUnit.SECONDS);
        if (closedAt.isBefore(openedAt)) {
            throw new IllegalArgumentException("batch " + batch + " closes before it opens");
        }
        if (!currency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("currency must be ISO 4217 alphabetic");
        }
        Objects.requireNonNull(host, "host");
    }

    public String csvName() {
        return SettlementNames.csv(terminalId, batch);
    }

    public String manifestName() {
        return SettlementNames.manifest(terminalId, batch);
    }
}
