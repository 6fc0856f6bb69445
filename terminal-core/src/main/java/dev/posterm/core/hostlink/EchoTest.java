package dev.posterm.core.hostlink;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * The 0800 echo test of host-link.md: field 7 (transmission date/time, UTC), 11, 41 and
 * 70 = 301. The host answers 0810 with 39; anything but 00 means the host is up but unwell.
 */
public final class EchoTest {
    static final DateTimeFormatter TRANSMISSION = DateTimeFormatter.ofPattern("MMddHHmmss").withZone(ZoneOffset.UTC);

    private EchoTest() {
    }

    public static IsoMessage request(Stan stan, String terminalId, Instant now) {
        return new IsoMessage("0800", Map.of(7, TRANSMISSION.format(now), 11, stan.toString(), 41, terminalId, 70, "301"));
    }

    /** Whether {@code reply} is an answer to an echo test saying the host is fine. */
    public static boolean passed(HostReply reply) {
        return reply instanceof HostReply.Answered a && a.response().mti().equals("0810")
                && a.response().field(39).filter("00"::equals).isPresent();
    }
}
