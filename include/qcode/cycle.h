/*
 * cycle: the action-research cycle of the learning and development team
 * (LOT). Meetings (M1, M2, ...) with who came by role, the themes they
 * discussed and the transcripts or notes of each; the team's notes and
 * priorities on themes; actions (A1, ...) with their status history
 * (planned -> trying -> evaluated -> adopted | dropped) and evaluations;
 * decisions (D1, ...) and lessons (L1, ...); fragments as evidence of
 * evaluations, decisions and lessons. It owns the tables meetings,
 * meeting_roles, meeting_themes, meeting_sources, reviews, actions,
 * action_codes, action_status, evaluations, decisions, lessons and
 * evidence. Every change runs in the caller's transaction and writes one
 * audit line.
 */
#ifndef QCODE_CYCLE_H
#define QCODE_CYCLE_H

#include "qcode/store.h"

/* ---- references ---- */

/* The row id a reference names: "M2" (cycle_meeting_find), "A3"
 * (cycle_action_find). Returns 0; -QC_EUSAGE when ref has not the form,
 * -QC_EDATA when there is none such. */
int cycle_meeting_find(struct store *s, const char *ref, long long *id,
		       struct qc_err *e);
int cycle_action_find(struct store *s, const char *ref, long long *id,
		      struct qc_err *e);
/* Every meeting's and action's reference ("M1", "A1"), for completion;
 * *ids newly allocated, the caller frees each and the array. */
size_t cycle_ids(struct store *s, char ***ids);

/* ---- meetings ---- */

/* What a meeting is given; NULL fields are left as they are (set) or
 * empty (add). attendees: "ouder=3,verloskundige=2"; themes: codes,
 * "T1,T2". date: YYYY-MM-DD, not after today. */
struct cycle_meeting_in {
	const char *date, *title, *attendees, *themes;
};

int cycle_meeting_add(struct store *s, const struct cycle_meeting_in *m,
		      long long *id, struct qc_err *e);
int cycle_meeting_set(struct store *s, const char *ref,
		      const struct cycle_meeting_in *m, long long *id,
		      struct qc_err *e);
/* Remove a meeting. What refers to it (notes, priorities, decisions,
 * evaluations) is refused unless force, which removes those too; actions
 * and sources linked to it are unlinked. */
int cycle_meeting_remove(struct store *s, const char *ref, int force,
			 long long *id, struct qc_err *e);

/* Link a source (its row id) to a meeting ("M2"), or unlink it with
 * "none". */
int cycle_source_meeting(struct store *s, long long source_id,
			 const char *mref, struct qc_err *e);

struct cycle_meeting {
	long long id;
	char *guid, *date, *title;
	char *roles;		/* "ouder 3, verloskundige 2" */
	char *themes;		/* "stigma, vertrouwen" (short ids) */
	char *sources;		/* "S3, S4" */
	long long attendees, notes, priorities, decisions, actions,
		  evaluations;
};
struct cycle_meetings {
	struct cycle_meeting *v;
	size_t n;
};
/* The meetings by date (ref NULL), or the one ref names. */
int cycle_meeting_list(struct store *s, const char *ref,
		       struct cycle_meetings *out, struct qc_err *e);
void cycle_meetings_release(struct cycle_meetings *m);

/* ---- the team's review of themes ---- */

/* A note (text) or a priority from 1 to 5 (by a role, or NULL) on a
 * theme (a code) at a meeting. *id: the row id. */
int cycle_review_note(struct store *s, const char *mref, const char *theme,
		      const char *text, long long *id, struct qc_err *e);
int cycle_review_priority(struct store *s, const char *mref,
			  const char *theme, const char *priority,
			  const char *by, long long *id, struct qc_err *e);

struct cycle_review {
	long long id, meeting;
	char *date, *theme, *theme_name, *text, *by;
	int priority;		/* 0 for a note */
};
struct cycle_reviews {
	struct cycle_review *v;
	size_t n;
};
/* The notes and priorities, by meeting date then theme; mref and theme
 * narrow them (NULL: all). */
int cycle_review_list(struct store *s, const char *mref, const char *theme,
		      struct cycle_reviews *out, struct qc_err *e);
void cycle_reviews_release(struct cycle_reviews *r);

/* ---- actions ---- */

struct cycle_action_in {
	const char *text, *theme;	/* theme: a code */
	const char *const *codes;	/* further codes it touches */
	int ncodes;
	const char *meeting;	/* where it was thought up, or NULL */
	const char *owner;	/* a role, or NULL */
	const char *date;	/* of planning: NULL: the meeting's, else today */
};
int cycle_action_add(struct store *s, const struct cycle_action_in *a,
		     long long *id, struct qc_err *e);

/* A change of an action; NULL fields stay. A status may go one step on
 * (planned -> trying -> evaluated -> adopted | dropped; trying again
 * after an evaluation; dropped from any open state); another jump, or
 * evaluated without an evaluation, needs force and is kept as forced.
 * date: of the status change (NULL: the meeting's, else today), never
 * after today nor before the last change. */
struct cycle_action_change {
	const char *status, *text, *theme, *owner, *meeting, *date;
	int force;
};
int cycle_action_set(struct store *s, const char *ref,
		     const struct cycle_action_change *c, long long *id,
		     struct qc_err *e);

/* An evaluation of an action at a meeting, with evidence fragments
 * ("S3:17", "S3:17-19"); an action being tried becomes evaluated (on the
 * meeting's date). A planned action needs force. *id: the evaluation. */
struct cycle_evaluation_in {
	const char *meeting, *text;
	char *const *evidence;
	int nevidence;
	int force;
};
int cycle_action_evaluate(struct store *s, const char *ref,
			  const struct cycle_evaluation_in *v, long long *id,
			  struct qc_err *e);
int cycle_action_remove(struct store *s, const char *ref, long long *id,
			struct qc_err *e);

struct cycle_action {
	long long id;
	char *guid, *text, *theme, *theme_name, *codes, *owner, *status;
	char *since;		/* date of its status */
	char *meeting;		/* "M2", or NULL */
	char *evaluation;	/* the last evaluation, or NULL */
	long long evaluations;
};
struct cycle_actions {
	struct cycle_action *v;
	size_t n;
};
/* Actions by id; status, theme and ref narrow them (NULL: all). */
int cycle_action_list(struct store *s, const char *status,
		      const char *theme, const char *ref,
		      struct cycle_actions *out, struct qc_err *e);
void cycle_actions_release(struct cycle_actions *a);

/* One step of an action's history: a status or an evaluation. */
struct cycle_event {
	char *date, *what;	/* "trying", ..., or "evaluation" */
	char *meeting;		/* "M4", or NULL */
	char *text;		/* the evaluation, or NULL */
	char *evidence;		/* "S3:17, S4:2", or NULL */
	int forced;
};
struct cycle_events {
	struct cycle_event *v;
	size_t n;
};
int cycle_action_history(struct store *s, long long id,
			 struct cycle_events *out, struct qc_err *e);
void cycle_events_release(struct cycle_events *h);

/* ---- decisions and lessons ---- */

/* A decision of a meeting (theme: a code, or NULL), with evidence. */
int cycle_decision_add(struct store *s, const char *mref, const char *text,
		       const char *theme, char *const *evidence, int nevidence,
		       long long *id, struct qc_err *e);
/* A lesson: about the process, or about a theme; mref: the meeting it
 * was drawn at, or NULL. */
int cycle_lesson_add(struct store *s, const char *text, int process,
		     const char *theme, const char *mref,
		     char *const *evidence, int nevidence, long long *id,
		     struct qc_err *e);
/* Remove "D3" or "L2". */
int cycle_decision_remove(struct store *s, const char *ref, long long *id,
			  struct qc_err *e);
int cycle_lesson_remove(struct store *s, const char *ref, long long *id,
			struct qc_err *e);

struct cycle_note {
	long long id;
	long long meeting;	/* 0: none */
	char *date, *theme, *text, *evidence;
	int process;
};
struct cycle_notes {
	struct cycle_note *v;
	size_t n;
};
/* Decisions by meeting date (mref narrows them), lessons by id. */
int cycle_decision_list(struct store *s, const char *mref,
			struct cycle_notes *out, struct qc_err *e);
int cycle_lesson_list(struct store *s, struct cycle_notes *out,
		      struct qc_err *e);
void cycle_notes_release(struct cycle_notes *n);

/* ---- counts for the reports ---- */

struct cycle_counts {
	long long meetings, actions, tried, evaluated, adopted, dropped,
		  decisions, lessons;
	char *first, *last;	/* the first and last meeting's dates */
};
/* The cycle told by numbers: actions ever tried, evaluated, adopted. */
int cycle_counts(struct store *s, struct cycle_counts *c, struct qc_err *e);
void cycle_counts_release(struct cycle_counts *c);

/* A date a user gave for --since: "M2" means after that meeting's day
 * (the day after it), a date YYYY[-MM[-DD]] from that day. *since: an
 * ISO date to compare codings' created_at with (caller frees); *what:
 * words for messages, "since M2 (2026-02-10)" (caller frees). */
int cycle_since(struct store *s, const char *arg, char **since, char **what,
		struct qc_err *e);

/* ---- merge ---- */

/* Bring the cycle of the attached project "o" into s by GUID, with the
 * merge's temporary maps temp.ms (sources), temp.mk (codes) and temp.mg
 * (segments). *n: meetings, actions, notes, decisions, lessons,
 * evaluations and status changes brought in. Conflicts go to
 * conflicts, one line each. */
struct qc_buf;
int cycle_merge(struct store *s, long long *n, struct qc_buf *conflicts,
		struct qc_err *e);

#endif
