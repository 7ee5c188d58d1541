package slackexporttest

// The JSON shapes of a Slack export's files, as Slack writes them: users.json,
// channels.json and the messages of CHANNEL/YYYY-MM-DD.json.

type profile struct {
	Title       string `json:"title"`
	RealName    string `json:"real_name"`
	DisplayName string `json:"display_name"`
	StatusText  string `json:"status_text"`
	StatusEmoji string `json:"status_emoji"`
	Team        string `json:"team"`
}

type user struct {
	ID       string  `json:"id"`
	TeamID   string  `json:"team_id"`
	Name     string  `json:"name"`
	Deleted  bool    `json:"deleted"`
	RealName string  `json:"real_name"`
	TZ       string  `json:"tz"`
	Profile  profile `json:"profile"`
	IsBot    bool    `json:"is_bot"`
	Updated  int64   `json:"updated"`
}

type channel struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Created int64    `json:"created"`
	Members []string `json:"members"`
}

type element struct {
	Type string `json:"type"`
	Text string `json:"text,omitempty"`
}

type section struct {
	Type     string    `json:"type"`
	Elements []element `json:"elements"`
}

type block struct {
	Type     string    `json:"type"`
	BlockID  string    `json:"block_id"`
	Elements []section `json:"elements"`
}

type userProfile struct {
	AvatarHash  string `json:"avatar_hash"`
	FirstName   string `json:"first_name"`
	RealName    string `json:"real_name"`
	DisplayName string `json:"display_name"`
	Team        string `json:"team"`
	Name        string `json:"name"`
}

type edited struct {
	User string `json:"user"`
	TS   string `json:"ts"`
}

// message is one message of a channel-day file.
type message struct {
	ClientMsgID string       `json:"client_msg_id,omitempty"`
	Type        string       `json:"type"`
	Subtype     string       `json:"subtype,omitempty"`
	Text        string       `json:"text"`
	User        string       `json:"user,omitempty"`
	BotID       string       `json:"bot_id,omitempty"`
	TS          string       `json:"ts"`
	ThreadTS    string       `json:"thread_ts,omitempty"`
	Edited      *edited      `json:"edited,omitempty"`
	Team        string       `json:"team,omitempty"`
	UserProfile *userProfile `json:"user_profile,omitempty"`
	Blocks      []block      `json:"blocks,omitempty"`
	Username    string       `json:"username,omitempty"`    // a bot post: the name it posts under
	Attachments []attachment `json:"attachments,omitempty"` // a bot post: its question-and-answer pairs
}

// attachment is one question and answer of a standup bot's post.
type attachment struct {
	Title string `json:"title"`
	Text  string `json:"text"`
}
