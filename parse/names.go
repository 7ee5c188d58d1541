package parse

import (
	"strings"
	"sync"
)

// firstNames is a list of common given names from many languages. A
// capitalised word the lexicon does not know is taken for a person when it is
// one of these, and for an organisation (a customer or vendor) otherwise.
var firstNames = sync.OnceValue(func() map[string]struct{} {
	m := make(map[string]struct{}, 1200)
	for _, n := range strings.Fields(firstNameList) {
		m[strings.ToLower(n)] = struct{}{}
	}
	return m
})

const firstNameList = `
aaron abby abdul abe abel abigail abraham ada adam adaeze adebayo adele adil aditi aditya adrian adriana
agnes ahmad ahmed aiden aiko aisha akira akosua alan alana albert alberto alejandra alejandro aleksandr
alessandra alessandro alex alexa alexander alexandra alexei alexis alfonso alfred ali alice alicia alina
alison alistair allen alma amanda amara amber amelia amina amir amit amy ana anders andre andrea andreas
andrei andres andrew andy angela angelo anil anita anja ann anna anne annika anthony antoine anton antonio
anya anjali april ari ariana ariel arjun arnav arne arthur arun asha ashley astrid aurora ava avery axel
ayesha ayumi barbara barry bart bastian beatrice beatriz bella ben benjamin benoit bernard beth betty
bianca bill billy bjorn blake bob bobby bogdan boris brad bram brandon brenda brendan brian bridget
brittany bruce bruno bryan caitlin caleb cameron camila camille carl carla carlos carmen carol caroline
carolyn carsten casey catalina catherine cecilia cedric celine chad chandra charles charlie charlotte
chen cheng chiara chidi chinedu chloe chris christian christina christine christopher chuck claire clara
clare claudia clement cole colin connor conor constance corin cory craig cristina cynthia dag daisuke
dale damian dan dana daniel daniela danielle danny dario darius darren dave david dawn dean debbie
deborah declan deepak denis dennis derek devon diana diane diego dimitri dina dmitri dominic dominik
donald donna doris dorothy doug douglas duncan dylan ebony ed eddie edgar edith eduardo edward egor eileen
elena eli elias elif elijah elisa elisabeth eliza elizabeth ella ellen ellie elliot emeka emil emilia
emily emma emmanuel enrique eric erica erik erin ernesto esther ethan eugene eva evan eve evelyn ezra
fabian fabio farah fatima federico felipe felix fernando filip finn fiona florian frances francesca
francesco francis francisco frank franz fred freddie frederik freya gabe gabriel gabriela gareth gary
gavin gemma george georgia gerald gerardo gina giorgio giovanni giulia glen glenn gloria gonzalo gordon
grace graham grant greg gregory greta guillermo gustavo hailey hamza hana hannah hans harold harper harry
haruto hassan heather hector heidi helen helena hemant henrik henry hiroshi hugo hui ian ibrahim ida
ifeoma igor ilya imani imran ines ingrid irene iris isaac isabel isabella isak ishaan ivan jack jackie
jacob jacqueline jade jake james jamie jan jana jane janet janice jared jasmine jason jasper javier jay
jean jeff jeffrey jelena jen jenna jennifer jenny jeremy jerome jerry jesper jess jessica jesus jill jim
jimmy jin jo joan joanna joao joe joel johan johanna john johnny jon jonas jonathan jordan jorge jose
joseph josh joshua joy juan judith judy jules julia julian julie julien julio jun justin kai kamal kara
karen karim karin karl kate katherine kathryn kathy katie katrin kavya kay keith kelly ken kenji kenneth
kevin khalid kim kimberly kirsten kiran klaus kofi koji kristen kristin kumar kurt kwame kyle lara larry
lars laura lauren lea leah lee leila lena leo leon leonardo leslie liam lily lin linda lindsay lisa liu
lorenzo louis louise luca lucas lucia lucy luis luka lukas luke luna lydia lynn magnus mai malik mandy
manuel marc marcel marco marcus margaret maria mariana marie marina mario marisa mark marta martha martin
marty mary mason mateo matt matteo matthew matthias maurice max maxim maya megan mehmet mei melanie
melissa mia michael michal michele michelle miguel mika mike mikhail mila milan miles min ming miriam
mohamed mohammed molly monica morgan mustafa nadia nadine nancy naomi natalia natalie nathan neha neil
nicholas nick nicola nicolas nicole niels nikhil nikita nikolai nina noah noel nora norah oleg olga oliver
olivia omar oscar otto owen pablo paola pascal patricia patrick paul paula pavel pedro peter petra
philip philipp phillip pierre pietro piotr pooja preeti priya quentin quinn rachel rafael rahul raj
rajesh ralph ramon randy raquel ravi ray raymond rebecca reza ricardo richard rick rita rob robert
roberto robin rodrigo roger rohan roman ron ronald rosa rose ross roy ruby rui ruth ryan sabrina sachin
sally sam samantha samir samuel sandeep sandra sanjay sara sarah sasha satoshi scott sean sebastian
selin sergei sergio seth shane shannon sharon shawn sheila shirley shreya simon simone sofia sonia sophia
sophie stacy stefan stefano stella stephanie stephen steve steven stuart sunita susan suzanne sven
sylvia tamara tanya tara ted teresa terry thea theo theresa thomas tiago tim timothy tina tobias todd
tom tomas tomasz tommy tony tracy travis trevor tyler uma valentina valeria vanessa vera veronica victor
victoria vidal vikram vincent viktor vivek vladimir walter wang wei wendy will william willem wren xavier
xin yan yara yasmin yuki yusuf yuri zach zachary zara zeke zoe zoltan
`
