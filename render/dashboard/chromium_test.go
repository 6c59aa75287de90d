package dashboard

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// TestChromiumScreenshots opens the company example's page in headless
// Chromium at 1280 and 390 px wide and checks that each screenshot shows a
// page (many colours, not a blank or an error page). Opt-in: set
// PLAN_CHROMIUM=1, with Chromium installed (apt-get install chromium).
// PLAN_SCREENSHOTS=DIR keeps the screenshots there (the README's picture is
// testdata/screenshots/company-1280.png, made this way).
func TestChromiumScreenshots(t *testing.T) {
	if os.Getenv("PLAN_CHROMIUM") == "" {
		t.Skip("set PLAN_CHROMIUM=1 to run (needs Chromium: apt-get install chromium)")
	}
	bin := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			bin = p
			break
		}
	}
	if bin == "" {
		t.Fatal("PLAN_CHROMIUM is set but no chromium is on PATH (apt-get install chromium)")
	}
	dir := t.TempDir()
	pagePath := filepath.Join(dir, "company.html")
	if err := os.WriteFile(pagePath, []byte(page(t, companyReports(t))), 0o644); err != nil {
		t.Fatal(err)
	}
	keep := os.Getenv("PLAN_SCREENSHOTS")
	for _, width := range []int{1280, 390} {
		shot := filepath.Join(dir, "company-"+strconv.Itoa(width)+".png")
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
			"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
			"--hide-scrollbars", "--user-data-dir="+filepath.Join(dir, "profile"+strconv.Itoa(width)),
			"--window-size="+strconv.Itoa(width)+",3600", "--screenshot="+shot, "file://"+pagePath)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		cancel()
		if err != nil {
			t.Fatalf("chromium at %d px: %v\n%s", width, err, stderr.String())
		}
		f, err := os.Open(shot)
		if err != nil {
			t.Fatalf("no screenshot at %d px: %v", width, err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if got := img.Bounds().Dx(); got != width {
			t.Errorf("screenshot is %d px wide, want %d", got, width)
		}
		if n := colours(img); n < 50 {
			t.Errorf("screenshot at %d px has %d colours: blank?", width, n)
		}
		if keep != "" {
			data, _ := os.ReadFile(shot)
			if err := os.WriteFile(filepath.Join(keep, filepath.Base(shot)), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// colours counts the distinct colours of an image (up to 10,000).
func colours(img image.Image) int {
	seen := map[uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			seen[(r>>8)<<16|(g>>8)<<8|bl>>8] = true
			if len(seen) >= 10000 {
				return len(seen)
			}
		}
	}
	return len(seen)
}
