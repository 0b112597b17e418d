package fi.arkisto.store.signature.bench;

import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.cda.ParsedDocument;
import fi.arkisto.store.document.SignatureType;
import fi.arkisto.store.document.ValidationReport;
import fi.arkisto.store.signature.DocumentSigner;
import fi.arkisto.store.signature.SignatureProperties;
import fi.arkisto.store.signature.SignatureVerifier;
import fi.arkisto.store.signature.SystemSigner;
import fi.arkisto.store.signature.TrustAnchors;
import fi.arkisto.testkit.pki.CertificateIssuer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not a test: signing and verification rates of Kanta documents against the raw RSA-2048 sign/verify rates
 * (SunRsaSign, same key) measured in the same run. See bench/README.md for the command and results.
 * Arguments: [seconds per measurement (default 3)] [threads (default: available processors)].
 */
public final class SignatureBenchmark {

    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    interface Op {
        void run(int i) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        Clock clock = Clock.systemUTC();
        Instant now = clock.instant();

        KeyPair caKeys = CertificateIssuer.rsaKeyPair();
        X509Certificate ca = CertificateIssuer.selfSignedCa(CertificateIssuer.caSubject("Bench CA"), caKeys,
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
        KeyPair keys = CertificateIssuer.rsaKeyPair();
        X509Certificate system = CertificateIssuer.issueSigning(
                CertificateIssuer.systemSubject("Bench organisation", "1.2.246.10.12345678.10.0", "Bench system"),
                keys.getPublic(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)), List.of(), ca, caKeys.getPrivate());
        SystemSigner signer = new SystemSigner(keys.getPrivate(), system, clock);
        SignatureVerifier verifier = new SignatureVerifier(SignatureProperties.withTrustAnchors(null),
                TrustAnchors.of(List.of(ca), List.of()), clock);
        CdaParser parser = new CdaParser();

        List<byte[]> unsigned = documents(64);
        List<byte[]> signed = new ArrayList<>();
        for (byte[] document : unsigned) {
            signed.add(signer.sign(document));
        }
        List<ParsedDocument> parsed = new ArrayList<>();
        for (byte[] document : signed) {
            parsed.add(parser.parse(document));
        }
        byte[] sample = sample();
        SignatureVerifier sampleVerifier = new SignatureVerifier(SignatureProperties.withTrustAnchors(null),
                TrustAnchors.of(List.of(certificateOf(sample)), List.of()), clock);
        byte[] digestInput = new byte[32];
        new Random(1).nextBytes(digestInput);
        byte[] rawSignature = rawSign(keys, digestInput);
        int averageSize = (int) signed.stream().mapToInt(b -> b.length).average().orElse(0);

        System.out.printf("Signature benchmark: %d threads, %.1f s per measurement, %d generated documents of ~%d bytes, JDK %s%n",
                threads, seconds, signed.size(), averageSize, System.getProperty("java.version"));
        for (int t : threads == 1 ? new int[]{1} : new int[]{1, threads}) {
            double rawSign = rate("raw RSA-2048 SHA256withRSA sign (SunRsaSign)", t, seconds, i -> rawSign(keys, digestInput));
            double rawVerify = rate("raw RSA-2048 SHA256withRSA verify (SunRsaSign)", t, seconds, i -> rawVerify(keys, digestInput, rawSignature));
            double sign = rate("document signing, SystemSigner.sign(bytes)", t, seconds, i -> signer.sign(unsigned.get(i % unsigned.size())));
            double verifyOnly = rate("document verification, SignatureVerifier.check (parsed DOM)", t, seconds,
                    i -> verifier.check(parsed.get(i % parsed.size()), new ValidationReport()));
            double parseVerify = rate("document parse + verification, CdaParser + SignatureVerifier", t, seconds,
                    i -> verifier.check(parser.parse(signed.get(i % signed.size())), new ValidationReport()));
            double sampleVerify = rate("real sample (RSA-4096) parse + verification, whitespace rule", t, seconds,
                    i -> sampleVerifier.check(parser.parse(sample), new ValidationReport()));
            System.out.printf("  threads=%d ratios (per CPU-s): signing/raw sign %.2f, verification/raw verify %.3f, parse+verification/raw verify %.3f, sample/raw verify %.3f%n",
                    t, sign / rawSign, verifyOnly / rawVerify, parseVerify / rawVerify, sampleVerify / rawVerify);
        }
    }

    /**
     * Operations per wall-clock second and per CPU second (summed over the worker threads). The machines are shared,
     * so the CPU-second rate is the stable one; ratios are taken on it.
     */
    static double rate(String name, int threads, double seconds, Op op) throws Exception {
        run(threads, seconds / 3, op); // warm-up
        long[] result = run(threads, seconds, op);
        double perSecond = result[0] / (result[1] / 1e9);
        double perCpuSecond = result[0] / (result[2] / 1e9);
        System.out.printf("  threads=%d %-62s %,10.0f /s wall %,10.0f /CPU-s%n", threads, name, perSecond, perCpuSecond);
        return perCpuSecond;
    }

    private static long[] run(int threads, double seconds, Op op) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong count = new AtomicLong();
        AtomicLong cpuNanos = new AtomicLong();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long started = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                long cpuStart = CPU.getCurrentThreadCpuTime();
                int i = 0;
                while (System.nanoTime() < deadline) {
                    op.run(i++);
                    count.incrementAndGet();
                }
                cpuNanos.addAndGet(CPU.getCurrentThreadCpuTime() - cpuStart);
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        long elapsed = System.nanoTime() - started;
        pool.shutdown();
        return new long[]{count.get(), elapsed, cpuNanos.get()};
    }

    private static byte[] rawSign(KeyPair keys, byte[] data) throws Exception {
        Signature signature = Signature.getInstance("SHA256withRSA", "SunRsaSign");
        signature.initSign(keys.getPrivate());
        signature.update(data);
        return signature.sign();
    }

    private static boolean rawVerify(KeyPair keys, byte[] data, byte[] value) throws Exception {
        Signature signature = Signature.getInstance("SHA256withRSA", "SunRsaSign");
        signature.initVerify(keys.getPublic());
        signature.update(data);
        if (!signature.verify(value)) {
            throw new IllegalStateException("raw verify failed");
        }
        return true;
    }

    /** Variants of the real sample, unsigned, each with its own OID and a ~16 KB display form. */
    private static List<byte[]> documents(int count) throws IOException {
        String template = new String(sample(), StandardCharsets.UTF_8)
                .replaceAll("(?s)<signatureCollection xmlns=\"urn:hl7finland\">.*</signatureCollection>", "");
        Random random = new Random(42);
        List<byte[]> documents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String oid = "1.2.246.10.32213561.95777.2026.688883." + (3000000 + i);
            StringBuilder xhtml = new StringBuilder("<div xmlns=\"http://www.w3.org/1999/xhtml\">");
            while (xhtml.length() < 12_000) {
                xhtml.append("<p>Asiakkaan tilanne arvioitiin ").append(random.nextInt(100000)).append(".</p>");
            }
            xhtml.append("</div>");
            String body = Base64.getMimeEncoder(76, "\r\n\t\t\t".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(xhtml.toString().getBytes(StandardCharsets.UTF_8));
            String document = template
                    .replace("1.2.246.10.32213561.95777.2026.688883.2809773", oid)
                    .replaceFirst("(?s)(<text mediaType=\"application/xhtml\\+xml\" representation=\"B64\">).*?(</text>)",
                            "$1\r\n\t\t\t" + java.util.regex.Matcher.quoteReplacement(body) + "\r\n\t\t$2");
            documents.add(document.getBytes(StandardCharsets.UTF_8));
        }
        return documents;
    }

    private static byte[] sample() throws IOException {
        try (InputStream in = SignatureBenchmark.class.getResourceAsStream("/kanta/asiakkuusasiakirja_S.xml")) {
            return in.readAllBytes();
        }
    }

    private static X509Certificate certificateOf(byte[] document) throws Exception {
        String text = new String(document, StandardCharsets.UTF_8);
        String base64 = text.replaceAll("(?s).*<X509Certificate>([^<]+)</X509Certificate>.*", "$1");
        return (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(Base64.getMimeDecoder().decode(base64)));
    }

    private SignatureBenchmark() {
    }
}
