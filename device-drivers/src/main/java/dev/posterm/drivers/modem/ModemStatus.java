package dev.posterm.drivers.modem;

import java.time.Instant;
import java.util.Optional;

/**
 * What the cellular modem says of itself over its AT port (3GPP 27.007).
 *
 * @param answering      the modem answered {@code AT} with {@code OK}
 * @param signalRssi     {@code +CSQ} rssi 0..31 (99 = unknown), if answered
 * @param registration   {@code +CREG?}/{@code +CEREG?} stat, if answered
 * @param attached       {@code +CGATT?}: packet-domain attached, if answered
 * @param checkedAt      when this was read
 */
public record ModemStatus(boolean answering, Optional<Integer> signalRssi, Optional<Registration> registration,
                          Optional<Boolean> attached, Instant checkedAt) {

    /** Registration states of 27.007 {@code +CREG}. */
    public enum Registration {
        NOT_REGISTERED(0), HOME(1), SEARCHING(2), DENIED(3), UNKNOWN(4), ROAMING(5);

        private final int stat;

        Registration(int stat) {
            this.stat = stat;
        }

        public int stat() {
            return stat;
        }

        public boolean registered() {
            return this == HOME || this == ROAMING;
        }

        public static Registration fromStat(int stat) {
            for (Registration r : values()) {
                if (r.stat == stat) {
                    return r;
                }
            }
            return UNKNOWN;
        }
    }

    /** Signal in dBm from rssi (27.007: -113 + 2 * rssi), if known. */
    public Optional<Integer> signalDbm() {
        return signalRssi.filter(r -> r >= 0 && r <= 31).map(r -> -113 + 2 * r);
    }
}
