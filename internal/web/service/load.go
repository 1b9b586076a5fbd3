package service

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
)

// LoadResult is what a load run measured, per kind of request.
type LoadResult struct {
	Reviewers int
	Duration  time.Duration
	Ops       map[string]*OpStats // "read", "decide"
	Errors    int                 // transport errors and unexpected statuses
	Conflicts int                 // 409s: two reviewers on one suggestion (expected, not errors)
	FirstErr  string
}

// OpStats are the latencies of one kind of request.
type OpStats struct {
	lat []time.Duration
}

// Count is how many requests were made.
func (o *OpStats) Count() int { return len(o.lat) }

// Quantile returns the q-quantile latency (0 < q ≤ 1).
func (o *OpStats) Quantile(q float64) time.Duration {
	if len(o.lat) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), o.lat...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	i := int(q*float64(len(s))+0.5) - 1
	return s[min(max(i, 0), len(s)-1)]
}

// Reviewer is one signed-in load-test user.
type Reviewer struct {
	Email, Password string
}

var csrfRE = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

// Load runs reviewers concurrently against base for d: each signs in, then
// loops opening a document of its share (GET), deciding the suggestion the
// screen shows (POST with its version, as the page would) and pausing for
// think. It measures each request's latency.
func Load(ctx context.Context, base string, reqID int64, docs []string, reviewers []Reviewer, d, think time.Duration) (*LoadResult, error) {
	res := &LoadResult{Reviewers: len(reviewers), Duration: d, Ops: map[string]*OpStats{"read": {}, "decide": {}}}
	var mu sync.Mutex
	record := func(op string, t time.Duration, code int, err error) {
		mu.Lock()
		defer mu.Unlock()
		switch {
		case err != nil:
			res.Errors++
			if res.FirstErr == "" {
				res.FirstErr = err.Error()
			}
			return
		case code == http.StatusConflict:
			res.Conflicts++
		case code >= 400:
			res.Errors++
			if res.FirstErr == "" {
				res.FirstErr = fmt.Sprintf("%s: HTTP %d", op, code)
			}
			return
		}
		res.Ops[op].lat = append(res.Ops[op].lat, t)
	}
	// Each reviewer gets its own share of the documents and their suggestions.
	shares := make([][]string, len(reviewers))
	for i, k := range docs {
		shares[i%len(reviewers)] = append(shares[i%len(reviewers)], k)
	}
	clients := make([]*http.Client, len(reviewers))
	tokens := make([]string, len(reviewers))
	for i, r := range reviewers {
		c, tok, err := signIn(base, r)
		if err != nil {
			return nil, fmt.Errorf("sign in %s: %w", r.Email, err)
		}
		clients[i], tokens[i] = c, tok
	}
	end := time.Now().Add(d)
	var wg sync.WaitGroup
	for i := range reviewers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := clients[i]
			for n := 0; time.Now().Before(end) && ctx.Err() == nil; n++ {
				key := shares[i][n%len(shares[i])]
				start := time.Now()
				code, page, err := get(c, fmt.Sprintf("%s/requests/%d/documents/%s", base, reqID, key))
				record("read", time.Since(start), code, err)
				sid, ver := formField(page, "suggestion_id"), formField(page, "version")
				if sid == "" {
					continue
				}
				kind := "accept"
				if strings.Contains(page, `id="decision-state"><strong>`) {
					kind = "reject" // decided already: a new decision supersedes it
				}
				form := url.Values{"csrf_token": {tokens[i]}, "suggestion_id": {sid}, "doc_id": {key},
					"version": {ver}, "decision": {kind}}
				start = time.Now()
				code, err = post(c, fmt.Sprintf("%s/requests/%d/decisions", base, reqID), form)
				if code == http.StatusSeeOther {
					code = http.StatusOK
				}
				record("decide", time.Since(start), code, err)
				time.Sleep(think)
			}
		}()
	}
	wg.Wait()
	return res, nil
}

// signIn signs a reviewer in through the form and returns their client
// (which does not follow redirects) and CSRF token.
func signIn(base string, r Reviewer) (*http.Client, string, error) {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	page, err := c.Get(base + "/login")
	if err != nil {
		return nil, "", err
	}
	b, _ := io.ReadAll(page.Body)
	page.Body.Close()
	m := csrfRE.FindSubmatch(b)
	if m == nil {
		return nil, "", fmt.Errorf("no CSRF token on the sign-in page")
	}
	res, err := c.PostForm(base+"/login", url.Values{"csrf_token": {string(m[1])}, "email": {r.Email}, "password": {r.Password}})
	if err != nil {
		return nil, "", err
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		return nil, "", fmt.Errorf("sign in: HTTP %d", res.StatusCode)
	}
	me, err := c.Get(base + "/api/v1/me")
	if err != nil {
		return nil, "", err
	}
	defer me.Body.Close()
	var v struct {
		CSRF string `json:"csrf_token"`
	}
	if err := json.NewDecoder(me.Body).Decode(&v); err != nil || v.CSRF == "" {
		return nil, "", fmt.Errorf("no CSRF token after sign in")
	}
	return c, v.CSRF, nil
}

func get(c *http.Client, u string) (int, string, error) {
	res, err := c.Get(u)
	if err != nil {
		return 0, "", err
	}
	b, err := io.ReadAll(res.Body)
	res.Body.Close()
	return res.StatusCode, string(b), err
}

// formField reads the value of the first input named name on a page.
func formField(page, name string) string {
	i := strings.Index(page, `name="`+name+`" value="`)
	if i < 0 {
		return ""
	}
	rest := page[i+len(name)+15:]
	return rest[:strings.IndexByte(rest, '"')]
}

func post(c *http.Client, u string, form url.Values) (int, error) {
	res, err := c.Post(u, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	if err != nil {
		return 0, err
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res.StatusCode, nil
}
