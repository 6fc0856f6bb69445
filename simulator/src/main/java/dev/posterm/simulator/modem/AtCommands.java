package dev.posterm.simulator.modem;

import java.util.Locale;

/**
 * The 3GPP TS 27.007 commands the simulated modem knows, answered from its radio state.
 * Answers are information text (may be empty) and the final result code, without framing.
 *
 * <p>Decisions: {@code +CREG}/{@code +CEREG} report mode 0 only, so only {@code =0} is accepted
 * (other unsolicited modes would need unsolicited result codes this modem does not send);
 * {@code AT+CMEE=0..2} is accepted (controllers send it at start) but errors stay plain ERROR;
 * a command line that does not start with AT is ignored, as real modems do.
 */
final class AtCommands {
    /** What the modem answers to one command line. */
    record Answer(String information, String result) {
        static Answer ok() {
            return new Answer("", "OK");
        }

        static Answer ok(String information) {
            return new Answer(information, "OK");
        }

        static Answer error() {
            return new Answer("", "ERROR");
        }
    }

    /** The modem's settable state; the simulator holds it. */
    interface Radio {
        int rssi();

        int registration();

        boolean attached();

        void attached(boolean on);

        void echo(boolean on);
    }

    private AtCommands() {
    }

    /** The answer to a command line, or null when the line is not a command (no answer). */
    static Answer answer(String rawLine, Radio radio) {
        String line = rawLine.trim().toUpperCase(Locale.ROOT);
        if (!line.startsWith("AT")) {
            return null;
        }
        String command = line.substring(2);
        return switch (command) {
            case "" -> Answer.ok();
            case "E0", "E" -> echo(radio, false);
            case "E1" -> echo(radio, true);
            case "Z" -> echo(radio, true);
            case "I" -> Answer.ok("POSTERM SIMULATED MODEM 1.0");
            case "+CSQ" -> Answer.ok("+CSQ: " + radio.rssi() + ",99");
            case "+CREG?" -> Answer.ok("+CREG: 0," + radio.registration());
            case "+CEREG?" -> Answer.ok("+CEREG: 0," + radio.registration());
            case "+CGATT?" -> Answer.ok("+CGATT: " + (radio.attached() ? 1 : 0));
            case "+CGATT=0" -> attach(radio, false);
            case "+CGATT=1" -> attach(radio, true);
            case "+CREG=0", "+CEREG=0", "+CMEE=0", "+CMEE=1", "+CMEE=2" -> Answer.ok();
            default -> Answer.error();
        };
    }

    private static Answer echo(Radio radio, boolean on) {
        radio.echo(on);
        return Answer.ok();
    }

    private static Answer attach(Radio radio, boolean on) {
        radio.attached(on);
        return Answer.ok();
    }
}
