package dev.posterm.core.errors;

/**
 * A request the controller will not carry out (an unknown order, an order already paid, a
 * conflicting id). Thrown at the API boundary only, and always before anything was changed,
 * so the caller may correct the request and send it again.
 */
public class Refused extends Exception {
    private final ErrorCode code;

    public Refused(ErrorCode code, String detail) {
        super(detail);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    /** More members of the problem+json, for a refusal that lists things (a bundle's problems); none by default. */
    public java.util.Map<String, Object> members() {
        return java.util.Map.of();
    }

    /** The precise English detail for problem+json {@code detail}. */
    public String detail() {
        return getMessage();
    }
}
