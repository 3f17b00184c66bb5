package org.webrtcgateway.websocket.tls;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The two files {@code websocket.tls-certificate} and {@code tls-private-key} name, as the paths the
 * operator wrote: each look follows them anew, so a symbolic link repointed at a new file (certbot's
 * {@code live/} links into {@code archive/}, a Kubernetes secret's {@code ..data} link) is seen like a
 * file written in place.
 */
public record CertificateFiles(Path certificate, Path privateKey) {

    /**
     * A file changed twice within one tick of its file system's clock keeps its time stamp (git's "racily
     * clean" case): a file this young is read again at the next look even when its stamp did not move.
     */
    private static final Duration RACY = Duration.ofSeconds(2);

    public CertificateFiles {
        requireNonNull(certificate, "certificate");
        requireNonNull(privateKey, "privateKey");
    }

    /** Where each path leads now, and that file's identity, time stamp and size: two stat(2)s and the links' readlink(2)s. */
    public Stamps stamps() throws IOException {
        return new Stamps(stamp(certificate), stamp(privateKey));
    }

    /** Both files' bytes. */
    public Contents read() throws IOException {
        return new Contents(Files.readAllBytes(certificate), Files.readAllBytes(privateKey));
    }

    private static FileStamp stamp(Path path) throws IOException {
        Path real = path.toRealPath();
        BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
        return new FileStamp(real, attributes.fileKey(), attributes.lastModifiedTime(), attributes.size());
    }

    /** One file as a look found it: the file a path led to (fileKey: device and inode where the system has them). */
    public record FileStamp(Path realPath, Object fileKey, FileTime modified, long size) {
    }

    /** Both files as a look found them; equal stamps mean unchanged files, unless {@link #racy}. */
    public record Stamps(FileStamp certificate, FileStamp privateKey) {

        /** Whether a file is so young that it may change again without its stamp moving. */
        boolean racy(Instant now) {
            return young(certificate, now) || young(privateKey, now);
        }

        private static boolean young(FileStamp file, Instant now) {
            return file.modified().toInstant().isAfter(now.minus(RACY));
        }
    }

    /** Both files' bytes, compared by content. */
    public record Contents(byte[] certificate, byte[] privateKey) {

        public Contents {
            certificate = certificate.clone();
            privateKey = privateKey.clone();
        }

        /** The pair as a server certificate, or what is wrong with it. */
        public ServerCertificate parse() throws UnusableCertificate {
            return ServerCertificate.read(certificate, privateKey);
        }

        @Override
        public byte[] certificate() {
            return certificate.clone();
        }

        @Override
        public byte[] privateKey() {
            return privateKey.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Contents that && Arrays.equals(certificate, that.certificate)
                    && Arrays.equals(privateKey, that.privateKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(certificate), Arrays.hashCode(privateKey));
        }

        @Override
        public String toString() {
            return "Contents[" + certificate.length + " + " + privateKey.length + " bytes]";
        }
    }
}
