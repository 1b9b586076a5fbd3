package record

import "time"

// Requester kinds: who asked. Anyone but the subject acts on their behalf and
// must show authority (UK GDPR Art. 15; ICO guidance on requests made on
// behalf of others).
const (
	RequesterSubject   = "subject"
	RequesterParent    = "parent"
	RequesterSolicitor = "solicitor"
	RequesterAdvocate  = "advocate"
)

// Requester is the person who made a subject access request.
type Requester struct {
	Kind    string `json:"kind"` // one of the Requester* constants
	Name    string `json:"name"`
	Contact string `json:"contact,omitempty"` // address or email for the reply
	// Authority is the evidence that a representative may act for the
	// subject (signed consent, court order, parental responsibility); empty
	// when Kind is subject.
	Authority         string `json:"authority,omitempty"`
	AuthorityVerified bool   `json:"authority_verified,omitempty"`
}

// Clock event kinds: what happened to the statutory time limit.
const (
	ClockReceived              = "received"
	ClockIDAsked               = "id_asked"
	ClockIDReceived            = "id_received"
	ClockFeeAsked              = "fee_asked"
	ClockFeeReceived           = "fee_received"
	ClockClarificationAsked    = "clarification_asked"
	ClockClarificationAnswered = "clarification_answered"
	ClockExtension             = "extension"
	ClockClosed                = "closed"
)

// ClockEvents lists every clock event kind.
var ClockEvents = []string{ClockReceived, ClockIDAsked, ClockIDReceived, ClockFeeAsked, ClockFeeReceived,
	ClockClarificationAsked, ClockClarificationAnswered, ClockExtension, ClockClosed}

// ClockEvent is one dated event on a request's clock. For an extension,
// Reason says why (complex or numerous requests, UK GDPR Art. 12(3)) and
// NoticeDate when the requester was told.
type ClockEvent struct {
	ID         int64     `json:"id,omitempty"`
	Kind       string    `json:"kind"`
	Date       time.Time `json:"date"` // a calendar day, midnight UTC
	Reason     string    `json:"reason,omitempty"`
	NoticeDate time.Time `json:"notice_date,omitzero"`
	Note       string    `json:"note,omitempty"`
	By         int64     `json:"by,omitempty"` // user id
	At         time.Time `json:"at,omitzero"`  // when it was recorded
}

// Request is a subject access request as logged.
type Request struct {
	ID        int64     `json:"id"`
	Reference string    `json:"reference"` // SAR-YYYY-NNNN
	Requester Requester `json:"requester"`
	Subject   Subject   `json:"subject"`
	Channel   string    `json:"channel,omitempty"` // email, letter, phone, in person, web form
	Regime    string    `json:"regime,omitempty"`  // e.g. uk_gdpr
	Nation    string    `json:"nation,omitempty"`  // england, wales, scotland, northern_ireland (bank holidays)
	Status    string    `json:"status"`
	Assignee  int64     `json:"assignee,omitempty"` // user id; 0 = unassigned
	Team      int64     `json:"team,omitempty"`     // team id; access is per team
	Received  time.Time `json:"received"`
	Version   int       `json:"version"` // optimistic concurrency
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}
