// The Go SDK v2's side of the expression benchmark: the seed's Scan filter built with
// expression.NewBuilder(), with its names and values (GOPATH mode, Debian's SDK source).
package main

import (
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/expression"
)

func build() (string, map[string]string, int) {
	f := expression.Name("age").LessThan(expression.Value(27)).
		And(expression.Name("first_name").BeginsWith("J")).
		And(expression.Name("address.state").Equal(expression.Value("CA")))
	ex, err := expression.NewBuilder().WithFilter(f).Build()
	if err != nil {
		panic(err)
	}
	return *ex.Filter(), ex.Names(), len(ex.Values())
}

func main() {
	n := 200000
	best := time.Duration(1 << 62)
	for r := 0; r < 5; r++ {
		start := time.Now()
		for i := 0; i < n; i++ {
			build()
		}
		if d := time.Since(start); d < best {
			best = d
		}
	}
	fmt.Printf("go expression %d ns\n", best.Nanoseconds()/int64(n))
	fmt.Println(build())
}
