package fr.pareto.health;

/** The body format of a health endpoint. */
public enum HealthFormat {

    /**
     * {@code application/json}: {@code {"status":"ok","checks":{"database":"ok","redis":"ok"}}},
     * statuses {@code ok}, {@code degraded}, {@code error}, as Pareto's Go services answer.
     * Details, when shown, go in a {@code details} object keyed by check name.
     */
    PARETO("application/json"),

    /**
     * {@code application/health+json} of the IETF draft "Health Check Response Format for HTTP
     * APIs" (draft-inadarei-api-health-check): statuses {@code pass}, {@code warn},
     * {@code fail}, and {@code checks} mapping each name to a list of one object.
     */
    IETF("application/health+json");

    private final String contentType;

    HealthFormat(String contentType) {
        this.contentType = contentType;
    }

    /** Returns the media type of this format, without parameters. */
    public String contentType() {
        return contentType;
    }
}
