package slackemu

import (
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// Slack's limits that a bot is likely to run into.
const (
	maxTextChars     = 40000 // message text
	maxMessageBlocks = 50
	maxViewBlocks    = 100
	maxSectionText   = 3000
	maxSectionFields = 10
	maxFieldText     = 2000
	maxHeaderText    = 150
	maxBlockID       = 255
	maxActions       = 25
)

// checkText enforces the message text limit.
func checkText(text string) error {
	if utf8.RuneCountInString(text) > maxTextChars {
		return apiError("msg_too_long")
	}
	return nil
}

// checkBlocks reports invalid_blocks unless raw is a JSON array of at most limit
// blocks, each an object with a type, within Slack's per-block limits.
func checkBlocks(raw json.RawMessage, limit int) error {
	var blocks []map[string]json.RawMessage
	if err := json.Unmarshal(raw, &blocks); err != nil || len(blocks) > limit {
		return apiError("invalid_blocks")
	}
	for _, b := range blocks {
		if !checkBlock(b) {
			return apiError("invalid_blocks")
		}
	}
	return nil
}

type textObject struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

func checkBlock(b map[string]json.RawMessage) bool {
	var typ, blockID string
	if json.Unmarshal(b["type"], &typ) != nil || typ == "" {
		return false
	}
	if id, ok := b["block_id"]; ok && (json.Unmarshal(id, &blockID) != nil || len(blockID) > maxBlockID) {
		return false
	}
	switch typ {
	case "section":
		var text *textObject
		var fields []textObject
		if json.Unmarshal(orNull(b["text"]), &text) != nil || json.Unmarshal(orNull(b["fields"]), &fields) != nil {
			return false
		}
		if text == nil && len(fields) == 0 {
			return false
		}
		if text != nil && (text.Text == "" || utf8.RuneCountInString(text.Text) > maxSectionText) {
			return false
		}
		if len(fields) > maxSectionFields {
			return false
		}
		for _, f := range fields {
			if utf8.RuneCountInString(f.Text) > maxFieldText {
				return false
			}
		}
	case "header":
		var text textObject
		if json.Unmarshal(orNull(b["text"]), &text) != nil || text.Type != "plain_text" ||
			text.Text == "" || utf8.RuneCountInString(text.Text) > maxHeaderText {
			return false
		}
	case "actions":
		var elems []json.RawMessage
		if json.Unmarshal(orNull(b["elements"]), &elems) != nil || len(elems) == 0 || len(elems) > maxActions {
			return false
		}
	}
	return true
}

func orNull(raw json.RawMessage) json.RawMessage {
	if raw == nil {
		return json.RawMessage("null")
	}
	return raw
}

// findAction looks for the element with actionID in a block list and returns its
// block_id and the element itself.
func findAction(blocks json.RawMessage, actionID string) (string, map[string]any, bool) {
	var list []map[string]any
	if json.Unmarshal(blocks, &list) != nil {
		return "", nil, false
	}
	for i, b := range list {
		blockID, _ := b["block_id"].(string)
		if blockID == "" {
			blockID = fmt.Sprintf("blk%d", i) // Slack fills in a block_id when a block has none
		}
		var elems []any
		switch e := b["elements"].(type) {
		case []any:
			elems = e
		}
		if acc, ok := b["accessory"]; ok {
			elems = append(elems, acc)
		}
		if el, ok := b["element"]; ok {
			elems = append(elems, el)
		}
		for _, e := range elems {
			el, ok := e.(map[string]any)
			if ok && el["action_id"] == actionID {
				return blockID, el, true
			}
		}
	}
	return "", nil, false
}
