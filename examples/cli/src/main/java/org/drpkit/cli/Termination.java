package org.drpkit.cli;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a clean-up when the process is asked to stop (SIGTERM, SIGINT), before anything else shuts down. A JVM shutdown
 * hook alone is not enough: hooks run concurrently, and the embedded H2 database closes itself in its own hook, so a
 * monitor stopping in a hook could no longer record the files it finishes. Where the JDK's signal API
 * ({@code sun.misc.Signal}, module jdk.unsupported) is available, the clean-up runs on the signal and then the process
 * exits; a shutdown hook runs it in every other case (it runs once).
 */
final class Termination {

    private Termination() {
    }

    /** Runs {@code cleanUp} once when the process is told to stop, then exits with status 0 after a signal. */
    static void onStop(Runnable cleanUp) {
        AtomicBoolean done = new AtomicBoolean();
        Runnable once = () -> {
            if (done.compareAndSet(false, true)) {
                cleanUp.run();
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(once, "drpkit-stop"));
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            Object h = Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler},
                    (InvocationHandler) (Object proxy, Method m, Object[] args) -> {
                        if (m.getName().equals("handle")) {
                            Thread t = new Thread(() -> {
                                once.run();
                                System.exit(0);
                            }, "drpkit-signal");
                            t.start();
                            return null;
                        }
                        return switch (m.getName()) {
                            case "equals" -> proxy == args[0];
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "toString" -> "drpkit stop handler";
                            default -> null;
                        };
                    });
            Method handle = signal.getMethod("handle", signal, handler);
            for (String name : new String[] {"TERM", "INT"}) {
                handle.invoke(null, signal.getConstructor(String.class).newInstance(name), h);
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // no signal API: the shutdown hook does the clean-up
        }
    }
}
