// wasi_api_token_urandom: issue API tokens for a list of service accounts. Each token
// is 24 random bytes from the kernel's random device, hex encoded, and the issued set
// is checked for length and uniqueness before being printed as an env file.
package main

import (
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"strings"
)

type issuer struct {
	src io.Reader
}

func openIssuer() (*issuer, io.Closer, error) {
	f, err := os.Open("/dev/urandom")
	if err != nil {
		return nil, nil, err
	}
	return &issuer{src: f}, f, nil
}

func (is *issuer) token() (string, error) {
	b := make([]byte, 24)
	if _, err := io.ReadFull(is.src, b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}

func main() {
	is, closer, err := openIssuer()
	if err != nil {
		fmt.Println("random source:", err)
		os.Exit(1)
	}
	defer closer.Close()

	accounts := []string{"billing", "search", "mailer", "backup"}
	seen := map[string]bool{}
	var env strings.Builder
	for _, a := range accounts {
		t, err := is.token()
		if err != nil {
			fmt.Println("token:", err)
			os.Exit(1)
		}
		if len(t) != 48 || seen[t] {
			fmt.Println("RESULT WRONG")
			return
		}
		seen[t] = true
		fmt.Fprintf(&env, "%s_TOKEN=%s...\n", strings.ToUpper(a), t[:8])
	}
	fmt.Print(env.String())
	fmt.Println("RESULT OK")
}
