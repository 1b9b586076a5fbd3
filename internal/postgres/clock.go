package postgres

import (
	"context"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// AddClockEvent records an event on a request's statutory clock (ID asked,
// fee received, extension...). The deadline package computes the due date
// from ClockEvents.
func (db *DB) AddClockEvent(ctx context.Context, by, requestID int64, e record.ClockEvent) (record.ClockEvent, error) {
	if !slices.Contains(record.ClockEvents, e.Kind) || e.Date.IsZero() {
		return e, workflow.Errorf(workflow.ErrInvalid, "a clock event needs a known kind and a date")
	}
	// UK GDPR Art. 12(3): an extension needs reasons, told to the requester within the first month.
	if e.Kind == record.ClockExtension && (e.Reason == "" || e.NoticeDate.IsZero()) {
		return e, workflow.Errorf(workflow.ErrInvalid, "an extension needs a reason and the date the requester was told")
	}
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `INSERT INTO clock_events (request_id, kind, on_date, reason, notice_date, note, user_id)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, at`, requestID, e.Kind, day(e.Date), e.Reason, nullDate(e.NoticeDate),
			e.Note, nullID(by)).Scan(&e.ID, &e.At)
		if err != nil {
			return mapErr(err, "clock event")
		}
		e.By = by
		return appendAudit(ctx, tx, AuditEntry{UserID: by, Action: AuditClockEvent, RequestID: requestID,
			Object: "clock event " + itoa(e.ID), Detail: map[string]any{"kind": e.Kind, "date": day(e.Date).Format("2006-01-02")}})
	})
	return e, err
}

// ClockEvents returns a request's clock events in date order.
func (db *DB) ClockEvents(ctx context.Context, requestID int64) ([]record.ClockEvent, error) {
	rows, err := db.Pool.Query(ctx, `SELECT id, kind, on_date, reason, notice_date, note, coalesce(user_id, 0), at
		FROM clock_events WHERE request_id = $1 ORDER BY on_date, id`, requestID)
	if err != nil {
		return nil, mapErr(err, "clock events")
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (record.ClockEvent, error) {
		var e record.ClockEvent
		var notice *time.Time
		err := r.Scan(&e.ID, &e.Kind, &e.Date, &e.Reason, &notice, &e.Note, &e.By, &e.At)
		if notice != nil {
			e.NoticeDate = *notice
		}
		return e, err
	})
}
