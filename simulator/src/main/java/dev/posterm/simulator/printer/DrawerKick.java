package dev.posterm.simulator.printer;

/**
 * One pulse the printer put on its drawer kick-out connector (ESC p): the cash drawer opens.
 *
 * @param pin         2 or 5, the connector pin
 * @param slipsBefore how many slips had been cut when it came
 */
public record DrawerKick(int pin, int onMillis, int offMillis, int slipsBefore) {
}
