package org.webrtcgateway.sip.stack;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Properties;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import gov.nist.core.net.NetworkLayer;
import gov.nist.javax.sip.SipStackImpl;

/**
 * JAIN-SIP's sockets, with TLS connections that verify the peer's name as well as its chain: RFC 5922 asks a
 * SIP client to check that the certificate is for the host it meant to reach, as an HTTPS client does, and
 * JAIN-SIP's own TLS layer checks the chain only. Every client socket gets endpoint identification "HTTPS"; the
 * JDK then matches the certificate's subject alternative names against the host the socket was opened for (the
 * proxy's name, or its address literal, which needs an IP entry in the certificate).
 *
 * <p>Certificates come from {@link #KEYSTORE} (PKCS#12) and are trusted per {@link #TRUSTSTORE}, or, without
 * one, per the JVM's CA certificates, so a PBX with a certificate from a public CA needs no truststore. JAIN-SIP
 * instantiates this class by name ({@code gov.nist.javax.sip.NETWORK_LAYER}) and hands it the stack, whose
 * properties carry these keys.
 */
public final class VerifyingTlsLayer implements NetworkLayer {

    public static final String KEYSTORE = "org.webrtcgateway.sip.TLS_KEYSTORE";
    public static final String KEYSTORE_PASSWORD = "org.webrtcgateway.sip.TLS_KEYSTORE_PASSWORD";
    public static final String TRUSTSTORE = "org.webrtcgateway.sip.TLS_TRUSTSTORE";
    /** How long a connection may take to open, as JAIN-SIP's own layers allow. */
    private static final int CONNECT_TIMEOUT_MS = 8000;

    private SSLContext tls;

    @Override
    public void setSipStack(SipStackImpl stack) {
        Properties p = stack.getConfigurationProperties();
        String keystore = p.getProperty(KEYSTORE);
        if (keystore == null) {
            return; // no tls transport: the plain sockets below are all the stack uses
        }
        char[] password = p.getProperty(KEYSTORE_PASSWORD, "").toCharArray();
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(keystore, password), password);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            String truststore = p.getProperty(TRUSTSTORE);
            trust.init(truststore == null ? null : load(truststore, password)); // null: the JVM's cacerts
            SSLContext context = SSLContext.getInstance("TLS");
            TrustManager[] managers = trust.getTrustManagers();
            for (int i = 0; i < managers.length; i++) {
                if (managers[i] instanceof X509ExtendedTrustManager jdk) {
                    managers[i] = new RefusedCertificates(jdk);
                }
            }
            context.init(keys.getKeyManagers(), managers, null);
            tls = context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot read the SIP TLS keystore or truststore: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(String file, char[] password) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            store.load(in, password);
        }
        return store;
    }

    private SSLContext tls() throws IOException {
        if (tls == null) {
            throw new IOException("SIP over TLS needs sip.tls-keystore");
        }
        return tls;
    }

    @Override
    public SSLServerSocket createSSLServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        return (SSLServerSocket) tls().getServerSocketFactory().createServerSocket(port, backlog, bindAddress);
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port) throws IOException {
        return createSSLSocket(address, port, null);
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port, InetAddress myAddress) throws IOException {
        SSLSocket socket = (SSLSocket) tls().getSocketFactory().createSocket();
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        try {
            if (myAddress != null) {
                socket.bind(new InetSocketAddress(myAddress, 0));
            }
            socket.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MS);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        return socket;
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        return new ServerSocket(port, backlog, bindAddress);
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        return new Socket(address, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress myAddress) throws IOException {
        return createSocket(address, port, myAddress, 0);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress myAddress, int myPort) throws IOException {
        Socket socket = new Socket();
        try {
            if (myAddress != null) {
                socket.bind(new InetSocketAddress(myAddress, myPort));
            }
            socket.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MS);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        return socket;
    }

    @Override
    public DatagramSocket createDatagramSocket() throws SocketException {
        return new DatagramSocket();
    }

    @Override
    public DatagramSocket createDatagramSocket(int port, InetAddress bindAddress) throws SocketException {
        return new DatagramSocket(port, bindAddress);
    }
}
