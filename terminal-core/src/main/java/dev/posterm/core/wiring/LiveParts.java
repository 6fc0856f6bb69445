package dev.posterm.core.wiring;

import dev.posterm.core.alerts.Alerts;
import dev.posterm.core.events.EventHub;
import dev.posterm.core.journal.Journal;
import dev.posterm.core.payment.TerminalIdentity;
import dev.posterm.core.receipt.ReceiptSpooler;

/**
 * What {@link ConfigApply} needs of a running controller: whether payments are in progress (the
 * journal), how to say what happened (alerts, events, a slip) and whether its devices answer.
 */
record LiveParts(Journal journal, Alerts alerts, EventHub events, ReceiptSpooler slips, DeviceCheck check,
                 TerminalIdentity terminal, boolean chinese) {
}
