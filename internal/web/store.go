package web

import (
	"context"
	"io"
	"time"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/suggest"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// Store is everything the web layer asks of the system of record. The web
// package defines it (adapters never import each other); internal/web/pgstore
// adapts the PostgreSQL store to it. Methods take the acting user where the
// store records who did something; errors carry workflow's kinds.
//
// Every write audits itself in its own transaction (the action and its
// audit row commit together); the web layer audits reads — views,
// searches, downloads — through Audit.
type Store interface {
	UserStore
	AdminStore
	RequestStore
	ReviewStore
	AreaStore
	ApprovalStore
	BundleStore
	ProblemStore
	// Audit appends one row to the audit log. Entries name objects, never
	// document text.
	Audit(ctx context.Context, e AuditEntry) error
}

// UserStore authenticates and looks up users.
type UserStore interface {
	// Login checks a password (argon2id) and the sign-in throttle of the
	// (email, client address) pair: a wrong password, unknown email or
	// disabled account is workflow.ErrUnauthenticated, a throttled pair
	// workflow.ErrLocked — the same for real and unknown emails.
	Login(ctx context.Context, email, password, ip string) (Account, error)
	// Account returns a user's account, disabled or not.
	Account(ctx context.Context, id int64) (Account, error)
	// ChangePassword sets a new password for a user who proves the
	// current one (ErrInvalid with a message when either is refused) and
	// returns the account with its new stamp.
	ChangePassword(ctx context.Context, id int64, current, next string) (Account, error)
	// UserByToken finds the user holding an API bearer token.
	UserByToken(ctx context.Context, token string) (User, error)
	// Ping reports whether the system of record answers.
	Ping(ctx context.Context) error
}

// RequestStore holds requests, their clocks and their locations.
type RequestStore interface {
	// ListRequests lists the requests the user's team may see.
	ListRequests(ctx context.Context, u User, f RequestFilter) ([]Request, error)
	CreateRequest(ctx context.Context, u User, r NewRequest) (int64, error)
	// Request returns a request with its clock; Progress is left empty
	// (see Progress: counting a large request's review costs more than
	// the rest of a page).
	Request(ctx context.Context, id int64) (Request, error)
	Progress(ctx context.Context, id int64) (Progress, error)
	// DocProgress is Progress for one document of the request, from the
	// same count: what the review screen shows beside the request's.
	DocProgress(ctx context.Context, id int64, docKey string) (Progress, error)
	// AddClockEvent records a clock event and moves the status where the
	// event settles it (ID asked: awaiting ID; ID received: in progress).
	AddClockEvent(ctx context.Context, u User, requestID int64, e record.ClockEvent) error
	// SetStatus moves a request along its lifecycle (workflow.CheckTransition)
	// with a note, if nobody changed it since version: else ErrConflict.
	SetStatus(ctx context.Context, u User, requestID int64, version int, to workflow.Status, note string) error
	Locations(ctx context.Context, requestID int64) ([]Location, error)
	// AttachLocation records a record folder as a location of the request
	// and queues its ingestion.
	AttachLocation(ctx context.Context, u User, requestID int64, name, path string) error
	// Upload stores files as a location of the request (the store names
	// and places them; nothing of the client's path is used) and queues
	// their ingestion. It returns how many files were stored; a file whose
	// type is not one Disclose reads, or whose content does not match its
	// extension, is ErrInvalid and nothing is stored.
	Upload(ctx context.Context, u User, requestID int64, location string, files []UploadFile) (int, error)
	Consultations(ctx context.Context, requestID int64) ([]Consultation, error)
	SaveConsultation(ctx context.Context, u User, requestID int64, c Consultation) error
}

// ReviewStore holds documents, suggestions, decisions and the person register.
type ReviewStore interface {
	Documents(ctx context.Context, requestID int64) ([]DocSummary, error)
	// NextDocument returns the key of the document after docID in the
	// list, or "" after the last.
	NextDocument(ctx context.Context, requestID int64, docID string) (string, error)
	Document(ctx context.Context, requestID int64, docID string) (record.Document, error)
	// Suggestions returns a document's suggestions (all when docID is "")
	// with their current decisions, in document order.
	Suggestions(ctx context.Context, requestID int64, docID string) ([]Item, error)
	// Decide records a decision. A stale Version is ErrConflict: someone
	// else decided first, and nothing is overwritten.
	Decide(ctx context.Context, u User, requestID int64, in DecisionInput) ([]Item, error)
	// OwnRedactions returns a document's current own redactions (the
	// reviewer's, not suggested) as items, in text order.
	OwnRedactions(ctx context.Context, requestID int64, docID string) ([]Item, error)
	// Undo withdraws the latest decision on a suggestion, or an own
	// redaction (an ID with OwnPrefix) with the rest of its batch.
	Undo(ctx context.Context, u User, requestID int64, suggestionID string, version int64) error
	// Persons returns the person register the last suggestion step built:
	// the subject first, then everyone else by key.
	Persons(ctx context.Context, requestID int64) ([]Person, error)
	// SetPersonRole records the kind an officer chose for a register
	// person, audited, and runs the suggestion step again. A register
	// changed since the officer's page (RoleChange.From, Generation) is
	// ErrConflict.
	SetPersonRole(ctx context.Context, u User, requestID int64, in RoleChange) error
	MergePersons(ctx context.Context, u User, requestID int64, keep, merge string) error
	// Released returns the documents of released bundles, redacted, for
	// the reading view.
	Released(ctx context.Context, requestID int64) ([]ReleasedDoc, error)
}

// AreaStore holds the areas officers draw on page images (area.go).
type AreaStore interface {
	// Areas returns a document's current areas.
	Areas(ctx context.Context, requestID int64, docID string) ([]Area, error)
	// AddArea stores an area, audited. The area's page size and the words
	// under it come from the page as the review screen shows it.
	AddArea(ctx context.Context, u User, requestID int64, in AreaInput) (Area, error)
	// UndoArea undoes a current area, audited; one undone already is
	// ErrConflict.
	UndoArea(ctx context.Context, u User, requestID, areaID int64) error
}

// ApprovalStore holds legal approvals of disclosure and exemption decisions.
type ApprovalStore interface {
	// Approvals lists the decisions awaiting legal approval on requests the
	// user's team may see.
	Approvals(ctx context.Context, u User) ([]Approval, error)
	DecideApproval(ctx context.Context, u User, approvalID int64, approve bool, reason string) error
}

// BundleStore holds bundle jobs and their outputs.
type BundleStore interface {
	Bundles(ctx context.Context, requestID int64) ([]Bundle, error)
	// GenerateBundle queues a bundle job with the request's current
	// decisions. It fails (ErrInvalid) while suggestions are undecided or
	// decisions wait for legal approval.
	GenerateBundle(ctx context.Context, u User, requestID int64) (int64, error)
	// BundleFile returns a bundle's PDF ("bundle", unencrypted, to be
	// read through File.Open: the web layer encrypts each download with a
	// fresh password as it sends it) or its schedule ("schedule", in
	// File.Data). The store records and audits a PDF download.
	// ReleaseBundle records that a ready bundle was sent to the requester:
	// from then on support workers may read it.
	ReleaseBundle(ctx context.Context, u User, requestID, bundleID int64) error
	BundleFile(ctx context.Context, u User, requestID, bundleID int64, kind string) (File, error)
}

// Searcher searches one request's record (bleve).
type Searcher interface {
	Search(ctx context.Context, requestID int64, q SearchQuery) (SearchResult, error)
}

// User is the signed-in user, as the workflow domain sees them.
type User = workflow.User

// AuditEntry is one audited action: who, what, on which request and object.
type AuditEntry struct {
	UserID    int64  `json:"user_id"`
	Action    string `json:"action"` // login, view, search, decide, approve, download...
	RequestID int64  `json:"request_id,omitempty"`
	Object    string `json:"object,omitempty"` // document ID, suggestion ID, bundle ID
	IP        string `json:"ip,omitempty"`
	// Detail holds ids and counts of what was read: never document text.
	Detail map[string]any `json:"detail,omitempty"`
}

// RequestFilter narrows the dashboard.
type RequestFilter struct {
	Status   string `form:"status" json:"status,omitempty"`
	Assignee int64  `form:"assignee" json:"assignee,omitempty"`
	All      bool   `form:"all" json:"all,omitempty"` // include final statuses (disclosed, closed, withdrawn, refused)
	// Released keeps only requests with a released bundle, whatever their
	// status (a staged release goes back to review after the first part).
	Released bool `form:"-" json:"-"`
}

// Clock is a request's statutory clock, computed by the deadline engine.
type Clock struct {
	Due         time.Time           `json:"due"`
	DaysLeft    int                 `json:"days_left"`
	RAG         string              `json:"rag"` // red, amber, green
	Paused      bool                `json:"paused"`
	Extended    bool                `json:"extended"`
	Explanation []string            `json:"explanation,omitempty"`
	Events      []record.ClockEvent `json:"events,omitempty"`
}

// Progress is how much of a request's review is done.
type Progress struct {
	Pages                int `json:"pages"`
	PagesRemaining       int `json:"pages_remaining"`
	Suggestions          int `json:"suggestions"`
	SuggestionsRemaining int `json:"suggestions_remaining"`
}

// Request is a request as the dashboard and its page show it: the logged
// request, its clock, who it is assigned to and the review's progress.
type Request struct {
	record.Request
	AssigneeName string       `json:"assignee_name,omitempty"`
	Clock        Clock        `json:"clock"`
	Progress     Progress     `json:"progress"`
	Transitions  []Transition `json:"transitions,omitempty"`
}

// Transition is one change of a request's status: from what (empty for
// the first, "logged"), to what, who, when and why.
type Transition struct {
	From   string    `json:"from,omitempty"`
	Status string    `json:"status"`
	By     string    `json:"by"`
	At     time.Time `json:"at"`
	Note   string    `json:"note,omitempty"`
}

// NewRequest is what logging a request takes: the request (reference,
// status and team are set by the store) and optionally a record folder to
// attach and ingest at once.
type NewRequest struct {
	record.Request
	RecordPath string `json:"record_path,omitempty"`
}

// UploadFile is one uploaded file as the client named it.
type UploadFile struct {
	Name string // the client's file name: only its last element is used, cleaned
	Size int64
	Open func() (io.ReadCloser, error)
}

// Location is one place the record was gathered from, with ingestion progress.
type Location struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Status   string `json:"status"` // queued, running, done, failed
	Files    int    `json:"files"`
	Done     int    `json:"done"`
	Pages    int    `json:"pages"`
	Problems int    `json:"problems"`
	// Step marks a row that is a processing step (suggestions being made),
	// not a location: Files and Done count its steps.
	Step bool `json:"step,omitempty"`
}

// DocSummary is one document in a request's list.
type DocSummary struct {
	ID          string    `json:"id"`
	Location    string    `json:"location"`
	Path        string    `json:"path"`
	Part        string    `json:"part,omitempty"`
	Title       string    `json:"title"`
	Type        string    `json:"type"`
	Date        time.Time `json:"date,omitzero"`
	Pages       int       `json:"pages"`
	Suggestions int       `json:"suggestions"`
	Decided     int       `json:"decided"`
	Duplicate   bool      `json:"duplicate"`
}

// Item is a suggestion with its current decision, or a reviewer's own
// redaction (Own set; its ID starts with OwnPrefix) shown among them.
type Item struct {
	suggest.Suggestion
	Version  int64     `json:"version"` // optimistic concurrency: send it back with a decision
	Decision *Decision `json:"decision,omitempty"`
	Own      *Own      `json:"own,omitempty"`
	Area     *Area     `json:"area,omitempty"` // an area drawn on a page (ID starts with AreaPrefix)
}

// OwnPrefix starts the item ID of a reviewer's own redaction; the rest is
// its decision's id.
const OwnPrefix = "own-"

// Where a reviewer's own redaction applies, as the officer chose.
const (
	AppliesDocument = "document" // this document only
	AppliesEvery    = "every"    // every exact occurrence in the request
	AppliesArea     = "area"     // an area drawn on a page: what is under it
)

// Own is a reviewer's own redaction: where the officer chose it to apply
// and how far its batch reaches (1 occurrence in 1 document when alone).
type Own struct {
	AppliesTo   string `json:"applies_to"` // AppliesDocument or AppliesEvery
	Occurrences int    `json:"occurrences"`
	Documents   int    `json:"documents"`
	// Existing (answers to Decide only): it was stored before, and
	// nothing new was stored for it.
	Existing bool `json:"existing,omitempty"`
}

// Decision is the latest decision on a suggestion.
type Decision struct {
	Kind     workflow.DecisionKind `json:"decision"`
	Start    int                   `json:"start,omitempty"`
	End      int                   `json:"end,omitempty"`
	Reason   string                `json:"reason,omitempty"`
	Basis    string                `json:"basis,omitempty"`
	By       string                `json:"by"`
	At       time.Time             `json:"at"`
	Approval string                `json:"approval,omitempty"` // "", or a workflow.Approval* state
}

// DecisionInput is one decision as posted: the domain's input plus what
// it is about. SuggestionID is empty for a manual redaction (DocID and the
// span say where); AllOfPerson applies it to every occurrence of the
// suggestion's person; Version is the suggestion's version as the
// reviewer saw it (optimistic concurrency).
type DecisionInput struct {
	workflow.DecisionInput
	SuggestionID string `json:"suggestion_id,omitempty"`
	Version      int64  `json:"version"`
	DocID        string `json:"doc_id,omitempty"`
	AllOfPerson  bool   `json:"all_of_person,omitempty"`
	// Own redactions (no SuggestionID): AppliesTo is the officer's explicit
	// choice, AppliesDocument or AppliesEvery. Text, when the span is
	// empty, is typed text: every exact occurrence of it is redacted, in
	// this document or in every document.
	AppliesTo string `json:"applies_to,omitempty"`
	Text      string `json:"text,omitempty"`
}

// Person is one entry of a request's person register (suggest.Person),
// with how often the suggestions name them.
type Person struct {
	Key           string   `json:"key"`
	Name          string   `json:"name"`
	Role          string   `json:"role"`       // suggest.Role*: decides what is suggested
	Kind          string   `json:"kind"`       // suggest.Kind.ID: "sibling", "foster carer"...
	KindTitle     string   `json:"kind_title"` // "Sibling", "Foster carer"...
	KindByOfficer bool     `json:"kind_by_officer,omitempty"`
	Label         string   `json:"label"`
	Source        string   `json:"source"`
	Variants      []string `json:"variants,omitempty"` // as the suggestions found the name written
	Occurrences   int      `json:"occurrences"`
	// Generation is the register's generation (postgres.Register): a role
	// change names the one its page showed.
	Generation int64 `json:"generation"`
}

// RoleChange is an officer's change of a register person's kind (and so
// role). From and Generation, when set, are what the officer's page
// showed.
type RoleChange struct {
	Key        string `json:"key" form:"key"`
	Kind       string `json:"kind" form:"kind"` // suggest.Kind.ID
	From       string `json:"from" form:"from"`
	Generation int64  `json:"generation" form:"generation"`
}

// Approval is a decision, or an area drawn on a page, waiting for legal
// sign-off, with its context.
type Approval struct {
	ID           int64     `json:"id"`
	RequestID    int64     `json:"request_id"`
	Reference    string    `json:"reference"`
	SuggestionID string    `json:"suggestion_id"`
	DocID        string    `json:"doc_id"`
	DocTitle     string    `json:"doc_title"`
	Kind         string    `json:"kind"`     // workflow.ApprovalThirdPartyDisclosure or ApprovalExemption
	Decision     string    `json:"decision"` // a decision kind, or DecisionArea
	Code         string    `json:"code"`
	PersonLabel  string    `json:"person_label,omitempty"`
	Reason       string    `json:"reason"`
	Context      string    `json:"context"` // the passage around the span
	Start        int       `json:"start"`   // the span's offsets within Context
	End          int       `json:"end"`
	By           string    `json:"by"`
	At           time.Time `json:"at"`
	// An area drawn on a page: its id, its page and the words under it as
	// stored when it was drawn (Context is those words joined by " … ").
	AreaID int64    `json:"area_id,omitempty"`
	Page   int      `json:"page,omitempty"`
	Words  []string `json:"words,omitempty"`
}

// Consultation is a partner-agency consultation.
type Consultation struct {
	ID       int64     `json:"id" form:"id"`
	Agency   string    `json:"agency" form:"agency"`
	Sent     string    `json:"sent" form:"sent"` // what was sent
	Asked    time.Time `json:"asked"`
	ChaseOn  time.Time `json:"chase_on,omitzero"`
	Response string    `json:"response,omitempty" form:"response"`
	Outcome  string    `json:"outcome,omitempty" form:"outcome"` // consent, refused, partial, none
}

// Bundle is one generated (or generating) bundle.
type Bundle struct {
	ID          int64      `json:"id"`
	Status      string     `json:"status"` // queued, running, done, failed
	Progress    int        `json:"progress"`
	Error       string     `json:"error,omitempty"`
	Pages       int        `json:"pages"`
	Redactions  int        `json:"redactions"`
	Certificate string     `json:"certificate,omitempty"` // the leak check's result
	Check       *LeakCheck `json:"check,omitempty"`       // the certificate, for the page's table
	// Warnings are the build's notes: a scanned page set as text because
	// its source file was gone, a page left out. They name documents and
	// pages, never text.
	Warnings  []string  `json:"warnings,omitempty"`
	Released  bool      `json:"released"`
	CreatedBy string    `json:"created_by"`
	CreatedAt time.Time `json:"created_at"`
}

// File is a downloadable output: its bytes, or for a bundle's PDF a way
// to read it from the store as it is sent (never whole in memory).
type File struct {
	Name        string
	ContentType string
	Data        []byte
	Open        func(context.Context) (io.ReadCloser, error)
}

// ReleasedDoc is a released, redacted document for the reading view.
type ReleasedDoc struct {
	Title string    `json:"title"`
	Type  string    `json:"type"`
	Date  time.Time `json:"date,omitzero"`
	Text  string    `json:"text"` // redacted text
}

// SearchQuery is one search of a request's record.
type SearchQuery struct {
	Q        string `form:"q" json:"q"`
	Location string `form:"location" json:"location,omitempty"`
	Type     string `form:"type" json:"type,omitempty"`
	Year     string `form:"year" json:"year,omitempty"`
	Person   string `form:"person" json:"person,omitempty"`
}

// SearchResult is hits plus facet counts.
type SearchResult struct {
	Total  int                `json:"total"`
	Hits   []SearchHit        `json:"hits"`
	Facets map[string][]Facet `json:"facets"` // location, type, year, person
}

// SearchHit is one matching document with highlighted fragments.
type SearchHit struct {
	DocID     string      `json:"doc_id"`
	Title     string      `json:"title"`
	Location  string      `json:"location"`
	Fragments [][]Segment `json:"fragments"`
}

// Segment is a piece of a search fragment; Hit marks the matched words, so
// the template highlights them without trusting HTML from the index.
type Segment struct {
	Text string `json:"text"`
	Hit  bool   `json:"hit,omitempty"`
}

// Facet is one facet value and its count.
type Facet struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}
