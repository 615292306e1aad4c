package io.vocalhost.voicebridge.call;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.vocalhost.voicebridge.plan.Plans;
import io.vocalhost.common.config.PlanLimits;
import io.vocalhost.voicebridge.system.CallCapProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The per-owner concurrent-call cap, counted across every bridge instance on the
 * database: a row per live call ({@code call_slot}) with a lease.
 * <p>
 * The webhook takes a slot leased until the call's stream token expires, so a token that
 * is never used frees it by itself. The instance that carries the call's stream renews
 * the lease while the call is live and deletes the row when the stream ends; the calls of
 * an instance that died stop counting once their leases lapse. Taking a slot holds a
 * transaction-scoped advisory lock on the owner, so that instances checking the same
 * owner at once count one after the other.
 */
@Component
public class CallSlots implements SmartLifecycle {

	/** The advisory lock's first key: the bytes of "slot"; the second is the owner's. */
	private static final int LOCK_SPACE = 0x736c6f74;

	private static final Logger log = LoggerFactory.getLogger(CallSlots.class);

	private final JdbcClient jdbc;

	private final Plans plans;

	private final PlanLimits limits;

	private final CallCapProperties caps;

	private final Clock clock;

	private final String instanceId = UUID.randomUUID().toString();

	/** The calls whose streams this instance carries: their leases are renewed here. */
	private final Set<UUID> carried = ConcurrentHashMap.newKeySet();

	private volatile ScheduledExecutorService renewer;

	CallSlots(JdbcClient jdbc, Plans plans, PlanLimits limits, CallCapProperties caps, Clock clock) {
		this.jdbc = jdbc;
		this.plans = plans;
		this.limits = limits;
		this.caps = caps;
		this.clock = clock;
	}

	/**
	 * Takes one of the owner's slots for a call the webhook is answering, in the
	 * webhook's transaction; a redelivered webhook keeps the slot its call already holds.
	 * @param tokenTtl how long the call's stream token is valid: the slot's first lease
	 * @return {@code false} when the owner's plan has every slot taken
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean take(long ownerId, UUID callId, Duration tokenTtl) {
		this.jdbc.sql("SELECT 1 FROM pg_advisory_xact_lock(?, hashint8(?))")
			.params(LOCK_SPACE, ownerId)
			.query(Integer.class)
			.single();
		OffsetDateTime now = now();
		this.jdbc.sql("DELETE FROM call_slot WHERE owner_id = ? AND lease_until <= ?").params(ownerId, now).update();
		long taken = this.jdbc.sql("SELECT count(*) FROM call_slot WHERE owner_id = ? AND call_id <> ?")
			.params(ownerId, callId)
			.query(Long.class)
			.single();
		if (taken >= this.limits.of(this.plans.planOf(ownerId)).concurrentCalls()) {
			return false;
		}
		this.jdbc.sql("""
				INSERT INTO call_slot (call_id, owner_id, lease_until) VALUES (?, ?, ?)
				ON CONFLICT (call_id) DO UPDATE SET lease_until = GREATEST(call_slot.lease_until, EXCLUDED.lease_until)
				""").params(callId, ownerId, now.plus(tokenTtl)).update();
		return true;
	}

	/**
	 * The call's stream runs on this instance: its lease is renewed here from now on. A
	 * slot that lapsed in the meantime is taken again, since the call is live.
	 */
	public void streaming(UUID callId) {
		this.jdbc
			.sql("""
					INSERT INTO call_slot (call_id, owner_id, instance_id, lease_until)
					SELECT id, owner_id, ?, ? FROM call WHERE id = ?
					ON CONFLICT (call_id) DO UPDATE SET instance_id = EXCLUDED.instance_id, lease_until = EXCLUDED.lease_until
					""")
			.params(this.instanceId, leaseEnd(), callId)
			.update();
		this.carried.add(callId);
	}

	/** The call's stream ended: its slot is free for the owner's next call. */
	public void release(UUID callId) {
		this.carried.remove(callId);
		try {
			this.jdbc.sql("DELETE FROM call_slot WHERE call_id = ?").param(callId).update();
		}
		catch (DataAccessException ex) {
			log.warn("Call {}: its slot could not be freed and lapses with its lease: {}", callId, ex.toString());
		}
	}

	/**
	 * Renews by update only, so that a call released meanwhile is not taken again; also
	 * clears the lapsed slots of every owner.
	 */
	private void renewAll() {
		try {
			String[] callIds = this.carried.stream().map(UUID::toString).toArray(String[]::new);
			if (callIds.length > 0) {
				this.jdbc.sql("UPDATE call_slot SET lease_until = ? WHERE call_id = ANY (?::uuid[])")
					.params(leaseEnd(), callIds)
					.update();
			}
			this.jdbc.sql("DELETE FROM call_slot WHERE lease_until <= ?").param(now()).update();
		}
		catch (DataAccessException ex) {
			log.warn("Renewing the leases of {} live calls failed, retried in {}: {}", this.carried.size(), renewal(),
					ex.toString());
		}
	}

	private OffsetDateTime leaseEnd() {
		return now().plus(this.caps.lease());
	}

	private Duration renewal() {
		return this.caps.lease().dividedBy(3);
	}

	private OffsetDateTime now() {
		return this.clock.instant().atOffset(ZoneOffset.UTC);
	}

	@Override
	public void start() {
		ScheduledExecutorService executor = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("call-slot-leases").daemon().factory());
		long period = renewal().toMillis();
		executor.scheduleWithFixedDelay(this::renewAll, period, period, TimeUnit.MILLISECONDS);
		this.renewer = executor;
	}

	/** Calls still carried when the instance stops end with it: their slots are freed. */
	@Override
	public void stop() {
		this.renewer.shutdownNow();
		this.renewer = null;
		this.carried.forEach(this::release);
	}

	@Override
	public boolean isRunning() {
		return this.renewer != null;
	}

	/**
	 * Stops after the web server's graceful shutdown and the other lifecycles, so that
	 * leases are renewed while the last calls run on.
	 */
	@Override
	public int getPhase() {
		return 0;
	}

}
