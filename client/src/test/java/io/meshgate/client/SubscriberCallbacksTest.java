package io.meshgate.client;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubscriberCallbacksTest {

    private static final URI EU = URI.create("http://eu-west:8080");
    private static final SubscriberGap GAP = new SubscriberGap("orders", "eu-west", 3, 10, 14, 4, "retention");

    private final Logger log = (Logger) LoggerFactory.getLogger(MeshSubscriber.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void capture() {
        logged.start();
        log.addAppender(logged);
    }

    @AfterEach
    void release() {
        log.detachAppender(logged);
    }

    /** A gap as delivery hands it over; its connection is never opened, only its gateway is read. */
    private static Delivery.Gapped gapped() {
        SubscriberOptions options = SubscriberOptions.builder().gateways(EU.toString()).stream("orders").build();
        return new Delivery.Gapped(GAP, Connection.to(null, options, EU, null));
    }

    private List<String> lines(Level level) {
        return logged.list.stream().filter(line -> line.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void aStateListenerThatThrowsIsLoggedAndDoesNotReachTheSubscriber() {
        SubscriberCallbacks callbacks = new SubscriberCallbacks(change -> {
            throw new IllegalStateException("dashboard down");
        }, error -> { }, null);

        callbacks.state(SubscriberState.CONNECTING, EU, null, Duration.ZERO);

        assertEquals(List.of("client.callback.failed callback=StateChange"
                + " cause=\"java.lang.IllegalStateException: dashboard down\""), lines(Level.WARN));
    }

    @Test
    void theErrorListenerGetsTheFailure() {
        List<SubscriberException> errors = new ArrayList<>();
        SubscriberCallbacks callbacks = new SubscriberCallbacks(change -> { }, errors::add, null);
        SubscriberException failure = new SubscriberException("stream.unknown", 4404, "no such stream", null);

        callbacks.error(failure);

        assertEquals(1, errors.size());
        assertSame(failure, errors.get(0));
    }

    @Test
    void aGapIsLoggedAsAWarningAndHandedToTheListener() {
        List<SubscriberGap> gaps = new ArrayList<>();
        new SubscriberCallbacks(change -> { }, error -> { }, gaps::add).gap(gapped());

        assertEquals(List.of(GAP), gaps);
        assertEquals(List.of("client.gap stream=orders gateway=http://eu-west:8080 origin=eu-west partition=3"
                + " fromOffset=10 toOffset=14 records=4 reason=retention"), lines(Level.WARN));
    }

    @Test
    void withoutAGapListenerTheGapIsStillLogged() {
        new SubscriberCallbacks(change -> { }, error -> { }, null).gap(gapped());

        assertEquals(1, lines(Level.WARN).size());
        assertTrue(lines(Level.WARN).get(0).startsWith("client.gap "), lines(Level.WARN).get(0));
    }

    @Test
    void aGapListenerThatThrowsPropagatesSoDeliveryStopsTheSubscriber() {
        SubscriberCallbacks callbacks = new SubscriberCallbacks(change -> { }, error -> { }, gap -> {
            throw new IllegalStateException("records 10-13 are needed");
        });

        assertThrows(IllegalStateException.class, () -> callbacks.gap(gapped()));
        assertTrue(lines(Level.WARN).get(0).startsWith("client.gap "), "logged before the listener ran");
    }
}
