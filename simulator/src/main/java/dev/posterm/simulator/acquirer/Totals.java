package dev.posterm.simulator.acquirer;

/**
 * Reconciliation totals as field 63 of an 0500 carries them: 32 ASCII digits.
 * <pre>
 * sale count (n4) | sale amount (n12) | refund count (n4) | refund amount (n12)
 * </pre>
 */
public record Totals(int saleCount, long saleAmount, int refundCount, long refundAmount) {
    static Totals parse(String field63) {
        if (field63 == null || !field63.matches("\\d{32}")) {
            return null;
        }
        return new Totals(Integer.parseInt(field63.substring(0, 4)), Long.parseLong(field63.substring(4, 16)),
                Integer.parseInt(field63.substring(16, 20)), Long.parseLong(field63.substring(20, 32)));
    }

    public String toField63() {
        return String.format("%04d%012d%04d%012d", saleCount, saleAmount, refundCount, refundAmount);
    }
}
