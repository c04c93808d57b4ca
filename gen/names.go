package gen

import "rapport"

// person is a given name with its grammatical gender.
type person struct {
	name   string
	gender rapport.Gender
}

// culture is a set of names and the language their bearers tend to write in.
type culture struct {
	lang   string
	given  []person
	family []string
	// familyFeminine, when set, is the feminine form of each family name
	// (Polish -ski/-ska), index for index.
	familyFeminine []string
	orgs           []string
}

var (
	f = rapport.GenderFeminine
	m = rapport.GenderMasculine
)

var cultures = []culture{
	{
		lang: "en",
		given: []person{{"Emma", f}, {"Olivia", f}, {"Amelia", f}, {"Grace", f}, {"Chloe", f}, {"Hannah", f}, {"Lucy", f}, {"Sarah", f},
			{"James", m}, {"Oliver", m}, {"Harry", m}, {"Jack", m}, {"George", m}, {"Daniel", m}, {"Thomas", m}, {"William", m},
			{"Alex", rapport.GenderUnknown}, {"Sam", rapport.GenderUnknown}, {"Jordan", rapport.GenderUnknown}},
		family: []string{"Smith", "Johnson", "Williams", "Brown", "Taylor", "Davies", "Evans", "Wilson", "Clarke", "Walker",
			"Wright", "Robinson", "Thompson", "Hughes", "Edwards", "Green", "Hall", "Wood", "Harris", "Lewis"},
		orgs: []string{"Northwind Traders", "Contoso", "Globex", "Initech", "Umbrella Consulting", "Stark Analytics",
			"Blue Harbor Partners", "Fabrikam", "Tailspin Logistics", "Wide World Importers"},
	},
	{
		lang: "ar",
		given: []person{{"فاطمة", f}, {"مريم", f}, {"نور", f}, {"ليلى", f}, {"سارة", f}, {"هدى", f}, {"ريم", f}, {"سلمى", f},
			{"محمد", m}, {"أحمد", m}, {"علي", m}, {"عمر", m}, {"يوسف", m}, {"خالد", m}, {"حسن", m}, {"كريم", m}},
		family: []string{"الحسيني", "المصري", "العلي", "الخطيب", "النجار", "الحداد", "الشامي", "الزين", "القاسم", "البدوي",
			"الخوري", "العمري", "الفارس", "السيد", "حداد", "منصور"},
		orgs: []string{"مجموعة الأفق", "شركة النخبة للاستشارات", "دار الخليج", "مؤسسة الرواد", "بنك المشرق الرقمي",
			"Gulf Ventures", "Cedar Capital", "شركة الواحة للتقنية"},
	},
	{
		lang: "pl",
		given: []person{{"Anna", f}, {"Katarzyna", f}, {"Małgorzata", f}, {"Agnieszka", f}, {"Zofia", f}, {"Joanna", f}, {"Ewa", f}, {"Łucja", f},
			{"Piotr", m}, {"Krzysztof", m}, {"Tomasz", m}, {"Paweł", m}, {"Łukasz", m}, {"Michał", m}, {"Jakub", m}, {"Marcin", m}},
		family:         []string{"Kowalski", "Nowakowski", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowski", "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Mazur"},
		familyFeminine: []string{"Kowalska", "Nowakowska", "Wiśniewska", "Wójcik", "Kamińska", "Lewandowska", "Zielińska", "Szymańska", "Woźniak", "Dąbrowska", "Kozłowska", "Mazur"},
		orgs:           []string{"Kraków Software House", "Wawel Consulting", "Bałtyk Logistics", "Mazovia Capital", "Polskie Systemy Płatności", "Odra Energy", "Tatra Labs"},
	},
}

var titles = []string{"CEO", "CTO", "Head of Sales", "Account Director", "Product Manager", "Engineering Manager",
	"Procurement Lead", "Partner", "Consultant", "Designer", "Recruiter", "Founder", "Analyst", "VP Operations"}

var tags = []string{"priority", "renewal-q1", "renewal-q3", "conference", "alumni", "investor", "advisor",
	"hiring", "speaker", "london", "dubai", "warsaw", "krakow", "remote", "board"}

var howWeMet = []string{"", "", "Introduced by a colleague", "Met at a conference", "Former colleague",
	"University alumni", "Worked on a project together", "Reached out on LinkedIn", "Client onboarding call"}

var notes = []string{"", "", "", "Quarterly review", "Catch-up", "Discussed the renewal", "Asked about hiring plans",
	"Shared the proposal", "Follow-up on the workshop", "Coffee", "Intro to the new team", "Talked about how we work together"}

var goals = []string{"Work more closely on the Q3 roadmap", "Rebuild trust after the delayed launch",
	"Understand how their team decides", "Become their first call for data questions", "Agree how we work together"}

var promises = []string{"Send the proposal", "Introduce them to our CTO", "Share the benchmark report",
	"Review their draft", "Call back about the renewal", "Send the workshop notes"}

var favorTopics = []string{"intro to a designer", "feedback on the pitch deck", "a reference for the tender",
	"pricing advice", "a job lead in Dubai", "time for a mock interview", "contacts in Warsaw fintech"}
