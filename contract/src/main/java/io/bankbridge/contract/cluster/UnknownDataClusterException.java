package io.bankbridge.contract.cluster;

/** A name that is not a data cluster this build knows. The message never carries the name: it may be caller text. */
public final class UnknownDataClusterException extends IllegalArgumentException {

    private final String name;

    public UnknownDataClusterException(String name) {
        super("unknown data cluster");
        this.name = name;
    }

    /** The name as it was received; quote it to a caller only after checking it looks like a name. */
    public String name() {
        return name;
    }
}
