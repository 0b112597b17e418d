package fi.arkisto.store.rejection;

/** The ways a submission reaches the archive (DESIGN "the parts"): file drop, RabbitMQ queue, REST. */
public enum IngestChannel {
    FILE, QUEUE, REST
}
