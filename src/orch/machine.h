/* machine: the orchestrator's states, events and transition table.
 *
 * The loop is data: one row per (state, event) that the state handles,
 * naming the next state and the action the driver performs on entering it
 * (orch/loop.c). A pair with no row is ignored (and logged) by the driver:
 * a late message from a worker that was already cancelled, say. Pure: no
 * I/O, no threads, no allocation; the unit test walks the table and the
 * fuzzer feeds it random event sequences.
 *
 *   IDLE -start-> GENERATING -reply-> APPLYING -applied-> EXECUTING
 *        -run_done-> EVALUATING -passed-> DONE
 *                               -retry-> REFINING -ready-> GENERATING ...
 *                               -budget_spent-> FAILED
 *                               -pause-> WAITING_FOR_USER
 *   APPLYING -no_run_command-> WAITING_FOR_USER -user_input-> REFINING,
 *                                               -run_command-> EXECUTING
 *   with approval: review, GENERATING -review-> REVIEWING -accepted-> APPLYING,
 *                                               -rejected-> EVALUATING
 *   with agents (multi-agent), the same loop with roles:
 *   IDLE -start_agents-> PLANNING -planned-> CODING -reply-> APPLYING
 *        -to_reviewer-> CRITIQUING -approved-> EXECUTING ...
 *                                  -changes_requested-> EVALUATING
 *   PLANNING -plan_for_review-> REVIEWING_PLAN -accepted-> CODING (approval)
 *   REFINING -replan-> PLANNING (no usable plan yet), -recode-> CODING
 *   every state: cancel -> CANCELLED (terminal ones stay), error -> FAILED */
#ifndef FAOS_MACHINE_H
#define FAOS_MACHINE_H

#include <stdbool.h>
#include <stddef.h>

#define ORCH_STATES(X) \
	X(IDLE) X(GENERATING) X(REVIEWING) X(APPLYING) X(EXECUTING) X(EVALUATING) X(REFINING) \
	X(WAITING_FOR_USER) X(DONE) X(FAILED) X(CANCELLED)                                   \
	X(PLANNING) X(REVIEWING_PLAN) X(CODING) X(CRITIQUING)

#define ORCH_EVENTS(X)                                                                  \
	X(START)          /* a description to work on */                                 \
	X(START_AGENTS)   /* a description to work on, with agents */                    \
	X(REPLY)          /* the model answered with changes or a run command */         \
	X(REPLY_EMPTY)    /* the answer had no usable block */                           \
	X(REVIEW)         /* a reply to show the user before applying (approval) */      \
	X(ACCEPTED)       /* the user accepted the reply (all or some files) */          \
	X(REJECTED)       /* the user sent the reply back (a comment, or no file kept) */ \
	X(GATEWAY_FAILED) /* the model server could not answer */                        \
	X(APPLIED)        /* the changes were written and recorded as a version */       \
	X(REFUSED)        /* a guard refused the reply: nothing was written */           \
	X(NO_RUN_COMMAND) /* nothing says how to build and test the project */           \
	X(RUN_DONE)       /* the run ended (any exit status) */                          \
	X(RUN_REFUSED)    /* the sandbox would not run it: a property it cannot hold */  \
	X(PASSED)         /* the run command exited 0 */                                 \
	X(RETRY)          /* it failed and budget is left */                             \
	X(BUDGET_SPENT)   /* iterations, tokens or time used up */                       \
	X(PAUSE)          /* the user asked to stop at the next step */                  \
	X(READY)          /* the next prompt is composed */                              \
	X(USER_INPUT)     /* the user answered: feedback, or "go on" */                  \
	X(RUN_COMMAND)    /* the user gave the run command */                            \
	X(PLANNED)        /* agents: the planner's plan is usable */                     \
	X(PLAN_FOR_REVIEW) /* agents: the plan waits for the user (approval: review) */  \
	X(TO_REVIEWER)    /* agents: written; the reviewer reads it before it runs */    \
	X(APPROVED)       /* agents: the reviewer approved */                            \
	X(CHANGES_REQUESTED) /* agents: the reviewer asked for changes */                \
	X(REPLAN)         /* agents: the next prompt goes to the planner */              \
	X(RECODE)         /* agents: the next prompts go to the coders */                \
	X(CANCEL)         /* the user cancelled */                                       \
	X(ERROR)          /* an I/O or internal failure */

#define ORCH_ACTIONS(X)                                                                 \
	X(NONE)      /* nothing to do */                                                 \
	X(REQUEST)   /* render the prompt and ask the model */                           \
	X(PLAN)      /* agents: ask the planner for a plan */                            \
	X(CODE)      /* agents: ask the coders for their shares, in parallel */          \
	X(CRITIQUE)  /* agents: ask the reviewer about the change */                     \
	X(PRESENT)   /* show the reply to the user and wait for a decision */            \
	X(APPLY)     /* check and write the reply, record a version */                   \
	X(RUN)       /* start the run command in the sandbox */                          \
	X(EVALUATE)  /* decide: passed, retry, budget spent or pause */                   \
	X(REFINE)    /* compose the next prompt from the failure and feedback */         \
	X(ASK_USER)  /* tell the user what is needed */                                  \
	X(FINISH)    /* the loop ended: report it */                                     \
	X(ABORT)     /* stop the request or run in flight, then report */

#define ORCH_ENUM(name) ORCH_##name,
enum orch_state { ORCH_STATES(ORCH_ENUM) ORCH_STATE__COUNT };
#undef ORCH_ENUM
#define ORCH_ENUM(name) EV_##name,
enum orch_event { ORCH_EVENTS(ORCH_ENUM) ORCH_EVENT__COUNT };
#undef ORCH_ENUM
#define ORCH_ENUM(name) OA_##name,
enum orch_action { ORCH_ACTIONS(ORCH_ENUM) ORCH_ACTION__COUNT };
#undef ORCH_ENUM

struct orch_transition {
	enum orch_state from;
	enum orch_event event;
	enum orch_state to;
	enum orch_action action;
};

extern const struct orch_transition orch_table[];
extern const size_t orch_table_len;

/* The row for (state, event), or NULL when the state ignores the event. */
const struct orch_transition *orch_next(enum orch_state state, enum orch_event event);
bool orch_terminal(enum orch_state state);
const char *orch_state_name(enum orch_state state);
const char *orch_event_name(enum orch_event event);
const char *orch_action_name(enum orch_action action);
/* The state called name (as orch_state_name gives it), or -1. */
int orch_state_find(const char *name);

#endif
