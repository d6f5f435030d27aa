package dev.threshold.engine.core;

import static dev.threshold.engine.fixture.Driver.facts;
import static dev.threshold.engine.fixture.Driver.only;
import static dev.threshold.engine.fixture.TestJourneys.ONE_STAGE;
import static dev.threshold.engine.fixture.TestJourneys.journey;
import static dev.threshold.engine.fixture.World.aResident;
import static org.assertj.core.api.Assertions.assertThat;

import dev.threshold.engine.action.ActionException;
import dev.threshold.engine.action.ActionRequest;
import dev.threshold.engine.action.DomainAction;
import dev.threshold.engine.fixture.Driver;
import dev.threshold.engine.fixture.World;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.Journey;
import dev.threshold.engine.journey.Purpose;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StepsTest {
    static final Instant MONDAY_NOON_DENVER = Instant.parse("2027-03-01T19:00:00Z");
    static final ZoneId DENVER = ZoneId.of("America/Denver");

    static World world() {
        return new World()
                .with(aResident("R-1").named("Dana").build())
                .with(new CommunityView(
                        "cedar-ridge",
                        "Cedar Ridge",
                        Optional.of("west"),
                        Optional.of("denver"),
                        DENVER,
                        Optional.of("CO"),
                        "100 Cedar Ridge Dr",
                        "+1 303 555 0100",
                        "hi@cedar.example",
                        Map.of("tour", "https://cedar.example/tour"),
                        Map.of("first_name", "Maya"),
                        dev.threshold.engine.time.BusinessCalendar.standard(DENVER),
                        Optional.empty(),
                        Map.of()));
    }

    static String journeyWith(String steps) {
        return """
                id: t
                name: Test
                category: custom
                trigger: { event: feedback.submitted }
                """ + ONE_STAGE + "steps:\n" + steps;
    }

    Driver driverFor(String steps, DomainAction... actions) {
        return new Driver(world(), List.of(journey(journeyWith(steps), actions)), actions);
    }

    List<Effect> start(Driver d) {
        return d.event(MONDAY_NOON_DENVER, "R-1", "feedback.submitted", Map.of("score", 4L, "topic", "maintenance"));
    }

    @Test
    void send_renders_the_message_for_the_person_with_community_details_and_lists_channels_in_fallback_order() {
        Driver d = driverFor("""
                  - id: hello
                    stage: s
                    send:
                      channels: [sms, email]
                      purpose: transactional
                      sms: "Hi {{ contact.first_name }}, {{ agent.first_name }} at {{ community.name }} got your {{ event.score }}."
                      email: { subject: "About your {{ event.score }}", body: "Book: {{ links.tour }}" }
                """);

        Effect.SendMessage m = only(start(d), Effect.SendMessage.class).get(0);

        assertThat(m.channels()).containsExactly(Channel.SMS, Channel.EMAIL);
        assertThat(m.purpose()).isEqualTo(Purpose.TRANSACTIONAL);
        assertThat(m.content().get(Channel.SMS).body()).isEqualTo("Hi Dana, Maya at Cedar Ridge got your 4.");
        assertThat(m.content().get(Channel.EMAIL).subject()).contains("About your 4");
        assertThat(m.content().get(Channel.EMAIL).body()).isEqualTo("Book: https://cedar.example/tour");
        assertThat(m.key()).isEqualTo("t:R-1:R-1:1:hello:1");
    }

    @Test
    void send_to_parties_reaches_every_resident_on_the_lease_each_by_name() {
        Journey j = journey("""
                id: t
                name: Lease notice
                category: custom
                key: event.subject.lease
                trigger: { event: lease.updated }
                """ + ONE_STAGE + """
                steps:
                  - id: notice
                    stage: s
                    send: { to: parties, channels: [email], email: { subject: "Lease", body: "Dear {{ contact.first_name }}" } }
                """);
        World w = world().with(aResident("R-2").named("Alex").build())
                .party("lease", "L-17", "R-1", "primary")
                .party("lease", "L-17", "R-2", "co-resident");
        Driver d = new Driver(w, List.of(j));

        List<Effect.SendMessage> sent = only(
                d.event(MONDAY_NOON_DENVER, "R-1", "lease.updated", Map.of("lease", "L-17"), Map.of()),
                Effect.SendMessage.class);

        assertThat(sent).extracting(m -> m.recipient().orElseThrow()).containsExactly("R-1", "R-2");
        assertThat(sent)
                .extracting(m -> m.content().get(Channel.EMAIL).body())
                .containsExactly("Dear Dana", "Dear Alex");
        assertThat(sent).extracting(Effect.SendMessage::key).doesNotHaveDuplicates();
    }

    @Test
    void send_to_staff_addresses_the_role_not_the_resident() {
        Driver d = driverFor("""
                  - id: alert
                    stage: s
                    send: { to: { staff: community-manager }, channels: [email], email: { subject: "Low score", body: "{{ contact.name }} gave {{ event.score }}" } }
                """);

        Effect.SendMessage m = only(start(d), Effect.SendMessage.class).get(0);

        assertThat(m.recipient()).isEmpty();
        assertThat(m.staffRole()).contains("community-manager");
        assertThat(m.content().get(Channel.EMAIL).body()).isEqualTo("Dana Reyes gave 4");
    }

    @Test
    void wait_a_day_at_ten_lands_at_ten_the_next_morning_in_the_residents_timezone() {
        Driver d = driverFor("""
                  - id: pause
                    stage: s
                    wait: { for: 1d, at: "10:00" }
                  - id: after
                    exit: done
                """);

        Timer t = only(start(d), Effect.ScheduleTimer.class).get(0).timer();

        assertThat(t.due().atZone(DENVER).toString()).startsWith("2027-03-02T10:00-07:00");
    }

    @Test
    void a_day_is_a_calendar_day_across_the_change_to_daylight_saving_time() {
        Driver d = driverFor("""
                  - id: pause
                    stage: s
                    wait: 1d
                  - id: after
                    exit: done
                """);
        Instant saturdayTenMst = Instant.parse("2027-03-13T17:00:00Z");

        Timer t = only(
                        d.event(saturdayTenMst, "R-1", "feedback.submitted", Map.of("score", 4L)),
                        Effect.ScheduleTimer.class)
                .get(0)
                .timer();

        assertThat(t.due().atZone(DENVER).toLocalTime()).hasToString("10:00");
        assertThat(t.due()).isEqualTo(Instant.parse("2027-03-14T16:00:00Z"));
    }

    @Test
    void after_a_wait_the_next_step_runs_when_the_timer_fires() {
        Driver d = driverFor("""
                  - id: pause
                    stage: s
                    wait: 2h
                  - id: after
                    send: { channels: [email], email: { subject: "Later", body: "Two hours on" } }
                """);
        start(d);

        List<Effect> fired = d.fireNext("R-1");

        assertThat(only(fired, Effect.SendMessage.class)).hasSize(1);
        assertThat(d.running("R-1")).isEmpty();
    }

    @Test
    void wait_until_counts_back_from_a_date_in_the_data_and_lands_at_the_given_local_time() {
        Journey j = journey("""
                id: t
                name: Renewal reminder
                category: custom
                trigger: { event: lease.signed }
                track: [lease.updated]
                """ + ONE_STAGE + """
                steps:
                  - id: sixty-days
                    stage: s
                    wait-until: { date: data.end_date, offset: -60d, at: "10:00" }
                  - id: remind
                    send: { channels: [email], email: { subject: "Your lease", body: "ends {{ data.end_date }}" } }
                """);
        Driver d = new Driver(world(), List.of(j));

        Timer t = only(
                        d.event(MONDAY_NOON_DENVER, "R-1", "lease.signed", Map.of("end_date", "2027-08-31")),
                        Effect.ScheduleTimer.class)
                .get(0)
                .timer();

        assertThat(t.due().atZone(DENVER).toString()).startsWith("2027-07-02T10:00-06:00");
    }

    @Test
    void wait_until_is_replanned_when_a_tracked_event_moves_the_date() {
        Journey j = journey("""
                id: t
                name: Renewal reminder
                category: custom
                trigger: { event: lease.signed }
                track: [lease.updated]
                """ + ONE_STAGE + """
                steps:
                  - id: sixty-days
                    stage: s
                    wait-until: { date: data.end_date, offset: -60d, at: "10:00" }
                  - id: remind
                    send: { channels: [email], email: { subject: "Your lease", body: "ends {{ data.end_date }}" } }
                """);
        Driver d = new Driver(world(), List.of(j));
        d.event(MONDAY_NOON_DENVER, "R-1", "lease.signed", Map.of("end_date", "2027-08-31"));

        List<Effect> moved =
                d.event(MONDAY_NOON_DENVER.plusSeconds(3600), "R-1", "lease.updated", Map.of("end_date", "2027-10-31"));

        Timer replanned = only(moved, Effect.ScheduleTimer.class).get(0).timer();
        assertThat(replanned.due().atZone(DENVER).toString()).startsWith("2027-09-01T10:00-06:00");
        assertThat(d.pendingTimers("R-1")).hasSize(1);
        Effect.SendMessage m = only(d.fireNext("R-1"), Effect.SendMessage.class).get(0);
        assertThat(m.content().get(Channel.EMAIL).body()).isEqualTo("ends 2027-10-31");
    }

    @Test
    void wait_until_a_date_already_past_takes_the_if_past_step() {
        Journey j = journey("""
                id: t
                name: Renewal reminder
                category: custom
                trigger: { event: lease.signed }
                """ + ONE_STAGE + """
                steps:
                  - id: sixty-days
                    stage: s
                    wait-until: { date: data.end_date, offset: -60d, if-past: too-late }
                  - id: remind
                    send: { channels: [email], email: { subject: "Your lease", body: "soon" } }
                    next: end
                  - id: too-late
                    task: { role: leasing-agent, title: "Lease already ended" }
                  - id: end
                    exit: done
                """);
        Driver d = new Driver(world(), List.of(j));

        List<Effect> effects = d.event(MONDAY_NOON_DENVER, "R-1", "lease.signed", Map.of("end_date", "2027-01-31"));

        assertThat(only(effects, Effect.SendMessage.class)).isEmpty();
        assertThat(only(effects, Effect.CreateTask.class))
                .extracting(Effect.CreateTask::title)
                .containsExactly("Lease already ended");
    }

    @Test
    void wait_until_a_moment_already_past_for_a_date_still_ahead_takes_the_if_late_step() {
        Journey j = journey("""
                id: t
                name: Tour reminders
                category: custom
                trigger: { event: tour.booked }
                """ + ONE_STAGE + """
                steps:
                  - id: day-before
                    stage: s
                    wait-until: { date: data.starts_at, offset: -24h, if-late: two-hours }
                  - id: remind-day
                    send: { channels: [email], email: { subject: "Tomorrow", body: "tomorrow" } }
                  - id: two-hours
                    wait-until: { date: data.starts_at, offset: -2h }
                  - id: remind-soon
                    send: { channels: [email], email: { subject: "Soon", body: "in two hours" } }
                """);
        Driver d = new Driver(world(), List.of(j));

        // booked at noon for 17:00 the same day: too late for the day-before reminder, not for the two-hour one
        List<Effect> booked =
                d.event(MONDAY_NOON_DENVER, "R-1", "tour.booked", Map.of("starts_at", "2027-03-01T17:00:00-07:00"));

        assertThat(only(booked, Effect.SendMessage.class)).isEmpty();
        Timer t = only(booked, Effect.ScheduleTimer.class).get(0).timer();
        assertThat(t.id()).contains("two-hours");
        assertThat(t.due().atZone(DENVER).toString()).startsWith("2027-03-01T15:00-07:00");
    }

    @Test
    void a_tracked_event_that_moves_the_date_goes_to_the_on_change_step_which_plans_the_wait_again() {
        Journey j = journey("""
                id: t
                name: Tour reminders
                category: custom
                trigger: { event: tour.booked }
                track: [tour.rescheduled]
                """ + ONE_STAGE + """
                steps:
                  - id: day-before
                    stage: s
                    wait-until: { date: data.starts_at, offset: -24h, on-change: moved }
                  - id: remind-day
                    send: { channels: [email], email: { subject: "Tomorrow", body: "see you {{ data.starts_at }}" } }
                    next: end
                  - id: moved
                    send: { channels: [email], email: { subject: "Moved", body: "now {{ data.starts_at }}" } }
                    next: day-before
                  - id: end
                    exit: done
                """);
        Driver d = new Driver(world(), List.of(j));
        d.event(MONDAY_NOON_DENVER, "R-1", "tour.booked", Map.of("starts_at", "2027-03-05T14:00:00-07:00"));

        List<Effect> moved = d.event(
                MONDAY_NOON_DENVER.plusSeconds(3600),
                "R-1",
                "tour.rescheduled",
                Map.of("starts_at", "2027-03-09T10:00:00-07:00"));

        assertThat(only(moved, Effect.SendMessage.class))
                .extracting(m -> m.content().get(Channel.EMAIL).body())
                .containsExactly("now 2027-03-09T10:00:00-07:00");
        assertThat(d.pendingTimers("R-1")).hasSize(1);
        Effect.SendMessage reminder =
                only(d.fireNext("R-1"), Effect.SendMessage.class).get(0);
        assertThat(reminder.content().get(Channel.EMAIL).body()).isEqualTo("see you 2027-03-09T10:00:00-07:00");
        assertThat(reminder.key()).endsWith("remind-day:1");
    }

    @Test
    void a_tracked_event_that_leaves_the_date_as_it_was_changes_nothing() {
        Journey j = journey("""
                id: t
                name: Tour reminders
                category: custom
                trigger: { event: tour.booked }
                track: [tour.rescheduled]
                """ + ONE_STAGE + """
                steps:
                  - id: day-before
                    stage: s
                    wait-until: { date: data.starts_at, offset: -24h, on-change: moved }
                  - id: remind-day
                    send: { channels: [email], email: { subject: "Tomorrow", body: "tomorrow" } }
                  - id: moved
                    send: { channels: [email], email: { subject: "Moved", body: "moved" } }
                """);
        Driver d = new Driver(world(), List.of(j));
        d.event(MONDAY_NOON_DENVER, "R-1", "tour.booked", Map.of("starts_at", "2027-03-05T14:00:00-07:00"));

        List<Effect> same = d.event(
                MONDAY_NOON_DENVER.plusSeconds(3600),
                "R-1",
                "tour.rescheduled",
                Map.of("starts_at", "2027-03-05T14:00:00-07:00"));

        assertThat(only(same, Effect.SendMessage.class)).isEmpty();
        assertThat(only(same, Effect.ScheduleTimer.class)).isEmpty();
    }

    @Test
    void steps_see_which_events_of_a_two_part_goal_have_come_so_far() {
        Journey j = journey("""
                id: t
                name: Account setup
                category: custom
                trigger: { event: resident.created }
                goal:
                  all: [ { event: portal.activated }, { event: payment_method.added } ]
                  within: 30d
                """ + ONE_STAGE + """
                steps:
                  - id: pause
                    stage: s
                    wait: 3d
                  - id: remind
                    branch:
                      - { when: "'portal.activated' in instance.goal_seen", goto: ask-payment }
                      - { goto: ask-portal }
                  - id: ask-portal
                    send: { channels: [email], email: { subject: "Portal", body: "activate the portal" } }
                    next: end
                  - id: ask-payment
                    send: { channels: [email], email: { subject: "Payment", body: "add a payment method{% if instance.goal_seen contains 'portal.activated' %}, now you are in{% endif %}" } }
                  - id: end
                    exit: done
                """);
        Driver d = new Driver(world(), List.of(j));
        d.event(MONDAY_NOON_DENVER, "R-1", "resident.created", Map.of());

        // activated while the journey waited: no step was waiting for it, the goal's progress remembers it
        d.event(MONDAY_NOON_DENVER.plusSeconds(3600), "R-1", "portal.activated", Map.of("method", "invite-link"));
        List<Effect> reminder = d.fireNext("R-1");

        assertThat(only(reminder, Effect.SendMessage.class))
                .extracting(m -> m.content().get(Channel.EMAIL).body())
                .containsExactly("add a payment method, now you are in");
    }

    @Test
    void a_task_whose_work_is_recorded_elsewhere_is_taken_back_and_never_escalated() {
        Journey j = journey("""
                id: t
                name: Implementation
                category: custom
                trigger: { event: client.signed }
                """ + ONE_STAGE + """
                steps:
                  - id: import-task
                    stage: s
                    task:
                      role: implementation-manager
                      title: "Import the data"
                      due: 2d
                      escalate: { after: 3d, role: implementation-lead }
                      closed-by: [ { event: client.milestone_completed, when: "event.milestone == 'data-import'" } ]
                  - id: await-import
                    wait-for: { event: client.milestone_completed, when: "event.milestone == 'data-import'", timeout: 10d, barrier: no answer }
                  - id: routing-task
                    task: { role: implementation-manager, title: "Set up routing" }
                  - id: await-routing
                    wait-for: { event: task.completed, timeout: 10d, barrier: no answer }
                """);
        Driver d = new Driver(world(), List.of(j));
        d.event(MONDAY_NOON_DENVER, "R-1", "client.signed", Map.of("client_id", "C-1"));

        List<Effect> other = d.event(
                MONDAY_NOON_DENVER.plusSeconds(600),
                "R-1",
                "client.milestone_completed",
                Map.of("client_id", "C-1", "milestone", "routing-setup"));
        List<Effect> done = d.event(
                MONDAY_NOON_DENVER.plusSeconds(3600),
                "R-1",
                "client.milestone_completed",
                Map.of("client_id", "C-1", "milestone", "data-import"));

        assertThat(only(other, Effect.CloseTask.class)).isEmpty();
        assertThat(only(done, Effect.CloseTask.class))
                .extracting(Effect.CloseTask::key)
                .containsExactly("t:R-1:R-1:1:import-task:1");
        assertThat(only(done, Effect.CancelTimer.class))
                .extracting(Effect.CancelTimer::id)
                .contains("t:R-1:R-1:1#escalate:t:R-1:R-1:1:import-task:1");
        assertThat(d.pendingTimers("R-1")).noneMatch(t -> t.kind() == Timer.Kind.ESCALATION);
        assertThat(only(done, Effect.CreateTask.class))
                .extracting(Effect.CreateTask::title)
                .containsExactly("Set up routing");
    }

    @Test
    void wait_for_continues_at_its_then_step_when_the_event_comes() {
        Driver d = driverFor("""
                  - id: ask
                    stage: s
                    wait-for:
                      any:
                        - { event: review.posted, then: thank }
                      timeout: 3d
                      on-timeout: nudge
                  - id: nudge
                    send: { channels: [email], email: { subject: "Nudge", body: "Still there?" } }
                    next: end
                  - id: thank
                    send: { channels: [email], email: { subject: "Thanks", body: "Thank you for the {{ results.ask.rating }} stars" } }
                  - id: end
                    exit: done
                """);
        start(d);

        List<Effect> effects =
                d.event(MONDAY_NOON_DENVER.plusSeconds(600), "R-1", "review.posted", Map.of("rating", 5.0));

        assertThat(only(effects, Effect.SendMessage.class))
                .extracting(m -> m.content().get(Channel.EMAIL).body())
                .containsExactly("Thank you for the 5.0 stars");
        assertThat(only(effects, Effect.CancelTimer.class)).hasSize(1);
    }

    @Test
    void wait_for_times_out_to_its_timeout_step() {
        Driver d = driverFor("""
                  - id: ask
                    stage: s
                    wait-for: { event: review.posted, timeout: 3d, on-timeout: nudge }
                  - id: thank
                    exit: thanked
                  - id: nudge
                    send: { channels: [email], email: { subject: "Nudge", body: "Still there?" } }
                """);
        start(d);

        List<Effect> effects = d.fireNext("R-1");

        assertThat(only(effects, Effect.SendMessage.class))
                .extracting(Effect.SendMessage::step)
                .containsExactly("nudge");
    }

    @Test
    void wait_for_without_a_timeout_step_leaves_the_stage_for_its_barrier() {
        Driver d = driverFor("""
                  - id: ask
                    stage: s
                    wait-for: { event: review.posted, timeout: 3d, barrier: no answer }
                  - id: thank
                    exit: thanked
                """);
        start(d);

        List<Effect> effects = d.fireNext("R-1");

        assertThat(facts(effects, Fact.Kind.STAGE_LEFT))
                .singleElement()
                .satisfies(f -> assertThat(f.detail()).containsEntry("barrier", "no answer"));
        assertThat(facts(effects, Fact.Kind.EXITED)).hasSize(1);
    }

    @Test
    void branch_takes_the_first_arm_whose_condition_holds() {
        String steps = """
                  - id: route
                    stage: s
                    branch:
                      - { when: "event.score <= 6", goto: low }
                      - { goto: high }
                  - id: low
                    exit: low
                  - id: high
                    exit: high
                """;
        Driver low = driverFor(steps);
        Driver high = driverFor(steps);

        List<Effect> a = low.event(MONDAY_NOON_DENVER, "R-1", "feedback.submitted", Map.of("score", 3L));
        List<Effect> b = high.event(MONDAY_NOON_DENVER, "R-1", "feedback.submitted", Map.of("score", 9L));

        assertThat(facts(a, Fact.Kind.EXITED).get(0).detail()).containsEntry("reason", "low");
        assertThat(facts(b, Fact.Kind.EXITED).get(0).detail()).containsEntry("reason", "high");
    }

    @Test
    void task_is_due_after_its_span_and_escalates_when_still_open() {
        Driver d = driverFor("""
                  - id: call
                    stage: s
                    task:
                      role: community-manager
                      title: "Call {{ contact.first_name }}"
                      due: 24h
                      escalate: { after: 48h, role: regional-manager }
                  - id: wait
                    wait-for: { event: task.completed, timeout: 7d }
                """);
        Effect.CreateTask task = only(start(d), Effect.CreateTask.class).get(0);
        assertThat(task.role()).isEqualTo("community-manager");
        assertThat(task.title()).isEqualTo("Call Dana");
        assertThat(task.due()).isEqualTo(MONDAY_NOON_DENVER.plusSeconds(24 * 3600));
        assertThat(task.escalateAt()).contains(MONDAY_NOON_DENVER.plusSeconds(48 * 3600));

        List<Effect> escalated = d.fireNext("R-1");

        assertThat(only(escalated, Effect.CreateTask.class)).singleElement().satisfies(e -> {
            assertThat(e.role()).isEqualTo("regional-manager");
            assertThat(e.title()).isEqualTo("Escalated: Call Dana");
        });
    }

    @Test
    void a_task_done_in_time_is_never_escalated() {
        Driver d = driverFor("""
                  - id: call
                    stage: s
                    task: { role: community-manager, title: "Call", due: 24h, escalate: { after: 48h, role: regional-manager } }
                  - id: wait
                    wait-for: { event: task.completed, timeout: 7d }
                """);
        Effect.CreateTask task = only(start(d), Effect.CreateTask.class).get(0);

        List<Effect> done =
                d.event(MONDAY_NOON_DENVER.plusSeconds(3600), "R-1", "task.completed", Map.of("task", task.key()));

        assertThat(only(done, Effect.CancelTimer.class))
                .extracting(Effect.CancelTimer::id)
                .contains("t:R-1:R-1:1#escalate:" + task.key());
        assertThat(d.pendingTimers("R-1")).isEmpty();
    }

    @Test
    void a_task_due_in_business_hours_skips_the_weekend() {
        Driver d = driverFor("""
                  - id: call
                    stage: s
                    task: { role: leasing-agent, title: "Call", due: 4 business hours }
                """);
        Instant fridayFourPm = Instant.parse("2027-03-05T23:00:00Z");

        Effect.CreateTask t = only(
                        d.event(fridayFourPm, "R-1", "feedback.submitted", Map.of("score", 4L)),
                        Effect.CreateTask.class)
                .get(0);

        // 16:00-18:00 on Friday, then 09:00-11:00 on Monday
        assertThat(t.due().atZone(DENVER).toString()).startsWith("2027-03-08T11:00-07:00");
    }

    @Test
    void update_sets_contact_attributes_from_expressions() {
        Driver d = driverFor("""
                  - id: mark
                    stage: s
                    update: { last_score: "event.score", detractor: "event.score <= 6" }
                """);

        Effect.UpdateContact u = only(start(d), Effect.UpdateContact.class).get(0);

        assertThat(u.set()).containsEntry("last_score", 4L).containsEntry("detractor", true);
    }

    @Test
    void action_results_are_available_to_later_steps() {
        DomainAction pick = new DomainAction() {
            public String name() {
                return "pick-unit";
            }

            public Set<String> parameters() {
                return Set.of("bedrooms");
            }

            public Map<String, Object> run(ActionRequest r) {
                return Map.of("unit", "B-" + r.arg("bedrooms").orElseThrow(), "count", 1L);
            }
        };
        Driver d = driverFor("""
                  - id: match
                    stage: s
                    action: { name: pick-unit, with: { bedrooms: "2" }, as: matches }
                  - id: tell
                    send: { channels: [email], email: { subject: "Found {{ results.matches.count }}", body: "{{ results.matches.unit }}" } }
                """, pick);

        Effect.SendMessage m = only(start(d), Effect.SendMessage.class).get(0);

        assertThat(m.content().get(Channel.EMAIL).body()).isEqualTo("B-2");
    }

    @Test
    void an_argument_that_is_null_reaches_the_action_as_absent() {
        DomainAction pick = new DomainAction() {
            public String name() {
                return "pick-unit";
            }

            public Set<String> parameters() {
                return Set.of("bedrooms", "budget_max");
            }

            public Map<String, Object> run(ActionRequest r) {
                return Map.of("unit", "B-" + r.arg("bedrooms").orElse("any"), "count", 1L);
            }
        };
        Driver d = driverFor("""
                  - id: match
                    stage: s
                    action: { name: pick-unit, with: { bedrooms: "has(data.bedrooms) ? data.bedrooms : null", budget_max: "1500" }, as: matches }
                  - id: tell
                    send: { channels: [email], email: { subject: "Found", body: "{{ results.matches.unit }}" } }
                """, pick);

        Effect.SendMessage m = only(start(d), Effect.SendMessage.class).get(0);

        assertThat(m.content().get(Channel.EMAIL).body()).isEqualTo("B-any");
    }

    @Test
    void an_action_that_cannot_answer_goes_to_its_on_error_step() {
        DomainAction none = new DomainAction() {
            public String name() {
                return "match-units";
            }

            public Map<String, Object> run(ActionRequest r) {
                throw new ActionException("no unit is available by 2027-04-01");
            }
        };
        Driver d = driverFor("""
                  - id: match
                    stage: s
                    action: { name: match-units, on-error: no-fit }
                  - id: tell
                    exit: matched
                  - id: no-fit
                    exit: { reason: nothing fits, barrier: price }
                """, none);

        List<Effect> effects = start(d);

        assertThat(facts(effects, Fact.Kind.EXITED).get(0).detail())
                .containsEntry("reason", "nothing fits")
                .containsEntry("barrier", "price");
    }

    @Test
    void webhook_posts_its_payload_as_json_under_the_message_key() {
        Driver d = driverFor("""
                  - id: tell-crm
                    stage: s
                    webhook: { endpoint: crm, payload: { contact: "contact.id", score: "event.score" } }
                """);

        Effect.SendMessage m = only(start(d), Effect.SendMessage.class).get(0);

        assertThat(m.channels()).containsExactly(Channel.WEBHOOK);
        assertThat(m.content().get(Channel.WEBHOOK).subject()).contains("crm");
        assertThat(m.content().get(Channel.WEBHOOK).body()).isEqualTo("{\"contact\":\"R-1\",\"score\":4}");
    }

    @Test
    void emit_and_handoff_produce_events_for_the_shell_to_feed_back() {
        Driver d = driverFor("""
                  - id: qualify
                    stage: s
                    emit: { event: review.posted, data: { rating: "5.0" } }
                  - id: pass-on
                    handoff: { journey: other, data: { reason: "'promoter'" } }
                """);

        List<Effect.EmitEvent> emitted = only(start(d), Effect.EmitEvent.class);

        assertThat(emitted).extracting(e -> e.event().type()).containsExactly("review.posted", "journey.handoff");
        assertThat(emitted.get(1).event().journey()).contains("other");
        assertThat(emitted.get(1).event().data())
                .containsEntry("reason", "promoter")
                .containsEntry("from_journey", "t")
                .containsEntry("score", 4L);
    }

    @Test
    void a_goal_step_completes_the_instance_with_its_value() {
        Driver d = driverFor("""
                  - id: won
                    stage: s
                    goal: { value: "event.score * 100" }
                  - id: never
                    exit: never
                """);

        List<Effect> effects = start(d);

        assertThat(facts(effects, Fact.Kind.GOAL).get(0).detail()).containsEntry("value", 400L);
        assertThat(facts(effects, Fact.Kind.COMPLETED)).hasSize(1);
        assertThat(facts(effects, Fact.Kind.EXITED)).isEmpty();
    }

    @Test
    void an_exit_step_records_the_barrier_the_person_left_for() {
        Driver d = driverFor("""
                  - id: gone
                    stage: s
                    exit: { reason: price too high, barrier: price }
                """);

        List<Effect> effects = start(d);

        assertThat(facts(effects, Fact.Kind.STAGE_LEFT).get(0).detail())
                .containsEntry("barrier", "price")
                .containsEntry("outcome", "exited");
    }

    @Test
    void a_loop_without_a_wait_fails_the_instance_instead_of_spinning() {
        Driver d = driverFor("""
                  - id: a
                    stage: s
                    update: { x: "1" }
                    next: b
                  - id: b
                    branch: [ { goto: a } ]
                """);

        List<Effect> effects = start(d);

        assertThat(facts(effects, Fact.Kind.FAILED))
                .singleElement()
                .satisfies(f -> assertThat(f.detail().get("reason").toString()).contains("without a wait"));
    }
}
