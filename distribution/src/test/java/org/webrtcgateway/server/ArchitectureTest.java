package org.webrtcgateway.server;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layout the modules promise (README, Layout; ADR 0006): the core knows no network stack, a
 * frontend sees only the core's protocol package, a bridge only the core's bridge API, and modules do
 * not reach into each other. Checked on the classes this module's class path holds: all of them.
 */
@AnalyzeClasses(packages = "org.webrtcgateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String CORE = "org.webrtcgateway.core..";
    /**
     * What every plug-in may use: the plug-in interface, typed configuration, logging that peers cannot
     * flood, the metrics sink a plug-in adds the registry it serves to (ADR 0012; plug-ins instrument
     * through Micrometer's own API), and the limits and address ranges the frontend and the SIP edge share
     * (one TokenBucket, one AddressRanges for trusted proxies and peers).
     */
    private static final String[] PLUGIN_API = {"org.webrtcgateway.core.plugin", "org.webrtcgateway.core.config",
            "org.webrtcgateway.core.log", "org.webrtcgateway.core.metrics", "org.webrtcgateway.core.limits",
            "org.webrtcgateway.core.net"};

    @ArchTest
    static final ArchRule theCoreKnowsNoNettySipOrXmppStack = noClasses().that().resideInAPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "javax.sip..", "gov.nist..",
                    "org.jivesoftware..", "org.jxmpp..");

    @ArchTest
    static final ArchRule theWebSocketFrontendUsesOnlyTheCoresProtocolPackage = noClasses()
            .that().resideInAPackage("org.webrtcgateway.websocket..")
            .should().dependOnClassesThat(resideInAPackage(CORE)
                    .and(not(resideInAnyPackage(with("org.webrtcgateway.core.protocol")))));

    @ArchTest
    static final ArchRule theSipBridgeUsesOnlyTheCoresBridgeApi = noClasses()
            .that().resideInAPackage("org.webrtcgateway.sip..")
            .should().dependOnClassesThat(resideInAPackage(CORE)
                    .and(not(resideInAnyPackage(with("org.webrtcgateway.core.api")))));

    @ArchTest
    static final ArchRule theFrontendAndTheBridgeDoNotUseEachOther = noClasses()
            .that().resideInAPackage("org.webrtcgateway.websocket..")
            .should().dependOnClassesThat().resideInAPackage("org.webrtcgateway.sip..");

    @ArchTest
    static final ArchRule theBridgeDoesNotUseTheFrontend = noClasses()
            .that().resideInAPackage("org.webrtcgateway.sip..")
            .should().dependOnClassesThat().resideInAPackage("org.webrtcgateway.websocket..");

    /**
     * The cluster plug-in shares the core's own state (sessions, calls, rooms, presence) with other nodes, so it sees
     * more of the core than a bridge: the cluster seam, and the parties, sessions and services that seam hands it
     * (ADR 0025). It sees no frontend and no bridge.
     */
    @ArchTest
    static final ArchRule theClusterPluginUsesOnlyTheCoresClusterSeam = noClasses()
            .that().resideInAPackage("org.webrtcgateway.cluster..")
            .should().dependOnClassesThat(resideInAPackage(CORE)
                    .and(not(resideInAnyPackage(with("org.webrtcgateway.core.cluster", "org.webrtcgateway.core.api",
                            "org.webrtcgateway.core.call", "org.webrtcgateway.core.session", "org.webrtcgateway.core.room",
                            "org.webrtcgateway.core.presence")))));

    @ArchTest
    static final ArchRule theClusterPluginUsesNoFrontendOrBridge = noClasses()
            .that().resideInAPackage("org.webrtcgateway.cluster..")
            .should().dependOnClassesThat().resideInAnyPackage("org.webrtcgateway.websocket..", "org.webrtcgateway.sip..",
                    "org.webrtcgateway.xmpp..");

    private static String[] with(String... allowed) {
        String[] packages = new String[PLUGIN_API.length + allowed.length];
        System.arraycopy(allowed, 0, packages, 0, allowed.length);
        System.arraycopy(PLUGIN_API, 0, packages, allowed.length, PLUGIN_API.length);
        return packages;
    }
}
