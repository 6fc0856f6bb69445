package dev.posterm.core.diagnostics;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;

/** The terminal's own addresses, as "eth0 192.168.1.20": what a technician types to reach it. */
public final class IpAddresses {
    private IpAddresses() {
    }

    /** Every address of every interface that is up, loopback left out; empty if none or unreadable. */
    public static List<String> now() {
        List<String> out = new ArrayList<>();
        try {
            for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress a : nic.inetAddresses().toList()) {
                    String text = a.getHostAddress();
                    int zone = text.indexOf('%');
                    out.add(nic.getName() + " " + (zone < 0 ? text : text.substring(0, zone)));
                }
            }
        } catch (SocketException e) {
            return out;
        }
        return out;
    }
}
