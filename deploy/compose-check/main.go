// compose-check validates docker-compose.yml the way Docker Compose loads it: with compose-go, the
// Compose Specification's reference library, which checks the file against the specification's JSON
// schema and resolves anchors, merges and interpolation. On top it checks what this deployment
// promises: Temporal's port not published, no secret written in the file, the workers replicated
// and health-checked, the server image without auto-setup.
//
//	go run . ../../docker-compose.yml   (npm run compose:check)
package main

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"

	"github.com/compose-spec/compose-go/v2/cli"
)

// Names whose values are secrets: they must come from the environment, never from the file.
var secretName = regexp.MustCompile(`(?i)(PASSWORD|PWD|SECRET|ENCRYPTION_KEY)$`)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: compose-check <compose file>")
		os.Exit(2)
	}
	file := os.Args[1]
	raw, err := os.ReadFile(file)
	if err != nil {
		fail("%v", err)
	}
	// Every ${NAME:?…} must be set to load the file; a marker value shows where each one lands.
	required := regexp.MustCompile(`\$\{([A-Z_]+):\?`).FindAllStringSubmatch(string(raw), -1)
	env := []string{}
	for _, m := range required {
		env = append(env, m[1]+"=from-the-environment")
	}
	options, err := cli.NewProjectOptions([]string{file}, cli.WithEnv(env), cli.WithName("complaint-service"), cli.WithResolvedPaths(false))
	if err != nil {
		fail("%v", err)
	}
	project, err := options.LoadProject(context.Background())
	if err != nil {
		fail("not a valid Compose file: %v", err)
	}

	problems := []string{}
	names := []string{}
	for name, service := range project.Services {
		names = append(names, name)
		for _, port := range service.Ports {
			if port.Target == 7233 && port.Published != "" {
				problems = append(problems, fmt.Sprintf("%s publishes Temporal's port 7233", name))
			}
		}
		if strings.Contains(service.Image, "auto-setup") {
			problems = append(problems, fmt.Sprintf("%s uses the development image %s", name, service.Image))
		}
		for key, value := range service.Environment {
			if value == nil || !secretName.MatchString(key) {
				continue
			}
			if *value != "" && !strings.Contains(*value, "from-the-environment") {
				problems = append(problems, fmt.Sprintf("%s: %s is written in the file", name, key))
			}
		}
		if strings.HasPrefix(name, "temporal-") && service.Image == "temporalio/server:1.29.1" {
			if _, ok := service.Environment["SERVICES"]; !ok {
				problems = append(problems, fmt.Sprintf("%s runs every Temporal service in one container", name))
			}
		}
	}
	worker, ok := project.Services["worker"]
	switch {
	case !ok:
		problems = append(problems, "no worker service")
	case worker.Deploy == nil || worker.Deploy.Replicas == nil || *worker.Deploy.Replicas < 2:
		problems = append(problems, "the worker runs fewer than two replicas")
	case worker.HealthCheck == nil || len(worker.HealthCheck.Test) == 0 || !strings.Contains(strings.Join(worker.HealthCheck.Test, " "), "healthz"):
		problems = append(problems, "the worker's health check does not ask its health endpoint")
	}
	sort.Strings(names)
	if len(problems) > 0 {
		sort.Strings(problems)
		fail("%s:\n  %s", file, strings.Join(problems, "\n  "))
	}
	fmt.Printf("%s is valid (Compose Specification, compose-go) with %d services: %s\n", file, len(names), strings.Join(names, ", "))
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "compose-check: "+format+"\n", args...)
	os.Exit(1)
}
