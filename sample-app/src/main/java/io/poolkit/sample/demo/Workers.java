package io.poolkit.sample.demo;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the load demo's workers run: a virtual thread each on JDK 21+, so hundreds of
 * them cost little more than the connections they wait for; platform threads on JDK 17.
 * The module is compiled for Java 17, so the JDK 21 API is looked up by reflection.
 */
final class Workers {

	private static final Method VIRTUAL = virtualThreadPerTaskExecutor();

	private Workers() {
	}

	/** Whether workers run on virtual threads on this JVM. */
	static boolean virtual() {
		return VIRTUAL != null;
	}

	/**
	 * An executor that runs each task on its own thread.
	 * @param workers how many tasks will run at once, the size of the platform thread
	 * pool on JDK 17
	 */
	static ExecutorService start(int workers) {
		if (VIRTUAL != null) {
			try {
				return (ExecutorService) VIRTUAL.invoke(null);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException("Could not create a virtual thread executor", ex);
			}
		}
		return Executors.newFixedThreadPool(workers, new PlatformWorkerThreads());
	}

	private static Method virtualThreadPerTaskExecutor() {
		try {
			return Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
		}
		catch (NoSuchMethodException ex) {
			return null;
		}
	}

	// Daemon threads with recognisable names, so a thread dump taken during a demo says
	// what they are.
	private static final class PlatformWorkerThreads implements ThreadFactory {

		private final AtomicInteger count = new AtomicInteger();

		@Override
		public Thread newThread(Runnable task) {
			Thread thread = new Thread(task, "load-demo-" + this.count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}

	}

}
