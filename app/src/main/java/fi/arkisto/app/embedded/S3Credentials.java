package fi.arkisto.app.embedded;

/** The access key pair of the embedded S3 server of one data directory. */
record S3Credentials(String accessKey, String secretKey) {

    @Override
    public String toString() {
        return "S3Credentials[accessKey=" + accessKey + "]";
    }
}
