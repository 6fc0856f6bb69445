package dev.posterm.core.status;

import dev.posterm.core.alerts.Alerts;
import dev.posterm.core.hostlink.HostLinkFaults;

/**
 * The host link's own faults as the HOST_LINK_FAULT alert: raised when its worker survives an
 * unexpected exception, cleared once the host answers again. A fault that keeps coming back (say,
 * on every answer of some kind) keeps the alert open, which is when a person is needed.
 */
public final class HostLinkFaultAlert implements HostLinkFaults {
    private final Alerts alerts;

    public HostLinkFaultAlert(Alerts alerts) {
        this.alerts = alerts;
    }

    @Override
    public void fault(String what) {
        alerts.raise(Alerts.Kind.HOST_LINK_FAULT, what);
    }

    @Override
    public void recovered() {
        alerts.clear(Alerts.Kind.HOST_LINK_FAULT);
    }
}
