// The Go SDK v2's contender in scripts/bench (GOPATH mode, Debian's SDK source):
// marshal = attributevalue.MarshalMap + JSON encoding of the AttributeValues with smithy-go's
// encoder (the SDK's serializer writes them the same way); unmarshal = encoding/json decode of the
// response into AttributeValues + attributevalue.UnmarshalListOfMaps. Plus the seed's filter.
// usage: marshal_go <page.json> <out dir> <repetitions>
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/expression"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	smithyjson "github.com/aws/smithy-go/encoding/json"
)

type Address struct {
	Road    string `dynamodbav:"road"`
	City    string `dynamodbav:"city"`
	State   string `dynamodbav:"state"`
	Zipcode int    `dynamodbav:"zipcode"`
}

type User struct {
	Username    string    `dynamodbav:"username"`
	FirstName   string    `dynamodbav:"first_name"`
	LastName    string    `dynamodbav:"last_name"`
	Age         int       `dynamodbav:"age"`
	AccountType string    `dynamodbav:"account_type"`
	Address     *Address  `dynamodbav:"address,omitempty"`
	Tags        []string  `dynamodbav:"tags,omitempty"`
	Scores      []float64 `dynamodbav:"scores,omitempty"`
}

func encodeAV(v types.AttributeValue, o smithyjson.Value) {
	obj := o.Object()
	defer obj.Close()
	switch t := v.(type) {
	case *types.AttributeValueMemberS:
		obj.Key("S").String(t.Value)
	case *types.AttributeValueMemberN:
		obj.Key("N").String(t.Value)
	case *types.AttributeValueMemberBOOL:
		obj.Key("BOOL").Boolean(t.Value)
	case *types.AttributeValueMemberNULL:
		obj.Key("NULL").Boolean(t.Value)
	case *types.AttributeValueMemberL:
		a := obj.Key("L").Array()
		for _, e := range t.Value {
			encodeAV(e, a.Value())
		}
		a.Close()
	case *types.AttributeValueMemberM:
		m := obj.Key("M").Object()
		for k, e := range t.Value {
			encodeAV(e, m.Key(k))
		}
		m.Close()
	case *types.AttributeValueMemberSS:
		a := obj.Key("SS").Array()
		for _, e := range t.Value {
			a.Value().String(e)
		}
		a.Close()
	}
}

type rawAV map[string]json.RawMessage

func toAV(r rawAV) types.AttributeValue {
	for k, v := range r {
		switch k {
		case "S":
			var s string
			json.Unmarshal(v, &s)
			return &types.AttributeValueMemberS{Value: s}
		case "N":
			var s string
			json.Unmarshal(v, &s)
			return &types.AttributeValueMemberN{Value: s}
		case "BOOL":
			var b bool
			json.Unmarshal(v, &b)
			return &types.AttributeValueMemberBOOL{Value: b}
		case "NULL":
			return &types.AttributeValueMemberNULL{Value: true}
		case "L":
			var l []rawAV
			json.Unmarshal(v, &l)
			out := make([]types.AttributeValue, len(l))
			for i, e := range l {
				out[i] = toAV(e)
			}
			return &types.AttributeValueMemberL{Value: out}
		case "M":
			var m map[string]rawAV
			json.Unmarshal(v, &m)
			out := make(map[string]types.AttributeValue, len(m))
			for mk, e := range m {
				out[mk] = toAV(e)
			}
			return &types.AttributeValueMemberM{Value: out}
		}
	}
	return nil
}

func best(reps int, f func()) int64 {
	f()
	min := int64(1 << 62)
	for r := 0; r < reps; r++ {
		s := time.Now()
		f()
		if d := time.Since(s).Nanoseconds(); d < min {
			min = d
		}
	}
	return min
}

func main() {
	text, _ := os.ReadFile(os.Args[1])
	outDir := os.Args[2]
	reps, _ := strconv.Atoi(os.Args[3])
	size := float64(len(text))
	var users []User
	unmarshal := func() {
		var page struct{ Items []map[string]rawAV }
		if err := json.Unmarshal(text, &page); err != nil {
			panic(err)
		}
		items := make([]map[string]types.AttributeValue, len(page.Items))
		for i, it := range page.Items {
			m := make(map[string]types.AttributeValue, len(it))
			for k, v := range it {
				m[k] = toAV(v)
			}
			items[i] = m
		}
		users = nil
		if err := attributevalue.UnmarshalListOfMaps(items, &users); err != nil {
			panic(err)
		}
	}
	unmarshal()
	n := float64(len(users))
	var out []byte
	marshal := func() {
		enc := smithyjson.NewEncoder()
		arr := enc.Array()
		for i := range users {
			m, err := attributevalue.MarshalMap(users[i])
			if err != nil {
				panic(err)
			}
			obj := arr.Value().Object()
			for k, v := range m {
				encodeAV(v, obj.Key(k))
			}
			obj.Close()
		}
		arr.Close()
		out = enc.Bytes()
	}
	marshal()
	os.WriteFile(outDir+"/go.json", out, 0o644)
	for _, c := range []struct {
		op string
		f  func()
	}{{"encode", marshal}, {"decode", unmarshal}} {
		ns := float64(best(reps, c.f))
		fmt.Printf("go,%s,%.1f,%.1f\n", c.op, ns/n, size/(ns/1e9)/1e6)
	}
	builds := 20000
	ns := float64(best(reps, func() {
		for i := 0; i < builds; i++ {
			f := expression.Name("age").LessThan(expression.Value(27)).
				And(expression.Name("first_name").BeginsWith("J")).
				And(expression.Name("address.state").Equal(expression.Value("CA")))
			if _, err := expression.NewBuilder().WithFilter(f).Build(); err != nil {
				panic(err)
			}
		}
	}))
	fmt.Printf("go,expression,%.1f,%.1f\n", ns/float64(builds), 0.0)
}
