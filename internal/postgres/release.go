package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/disclose-sar/disclose/internal/suggest"
)

// SuggestOptions are the options the request's suggestion step runs with
// (the kinds officers chose for its people): a bundle's own suggestion
// pass, made for its leak check, must see the record as the step does.
func (db *DB) SuggestOptions(ctx context.Context, requestID int64) (suggest.Options, error) {
	var opts suggest.Options
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		kinds, err := personKinds(ctx, tx, requestID)
		opts.Kinds = kinds
		return err
	})
	return opts, err
}
