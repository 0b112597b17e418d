package fi.arkisto.testkit.deployment;

/** One problem found, with the detail that locates it (a code, an expected and actual value). */
public record Finding(Problem problem, String detail) {

    public String text() {
        return problem.fi() + " / " + problem.en() + (detail == null || detail.isBlank() ? "" : ": " + detail);
    }
}
